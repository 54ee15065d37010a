export {
  addOriginalPositions,
  CallsiteMaps,
  loadMapText,
  type MappedCallsite,
  type SessionUsable,
} from './callsite-maps.ts';
export { decodeDataUrl, resolveMapUrl } from './map-url.ts';
export { fillCallsiteUrls, listScripts, type ScriptInfo } from './scripts.ts';
export {
  MAX_MAP_CHARS,
  type OriginalPosition,
  originalPosition,
  parseSourceMap,
  type SourceMap,
} from './source-map.ts';
export { decodeMappings, MappingsError } from './vlq.ts';
