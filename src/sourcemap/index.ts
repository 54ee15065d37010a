export { decodeDataUrl, resolveMapUrl } from './map-url.ts';
export {
  MAX_MAP_CHARS,
  type OriginalPosition,
  originalPosition,
  parseSourceMap,
  type SourceMap,
} from './source-map.ts';
export { decodeMappings, MappingsError } from './vlq.ts';
