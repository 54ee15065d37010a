import { isArray, isFiniteNumber, objectKeys, stringifyString } from './pristine.ts';

/**
 * JSON for the hook's own plain data. `JSON.stringify` on objects would look up `toJSON` through prototypes the
 * page may have changed (running page code and showing it our data); strings and numbers are safe to pass.
 */
export function toJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const t = typeof value;
  if (t === 'string') return stringifyString(value as string);
  if (t === 'number') return isFiniteNumber(value) ? `${value}` : 'null';
  if (t === 'boolean') return value ? 'true' : 'false';
  if (isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + toJson(value[i]);
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  const keys = objectKeys(value as object);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${stringifyString(key)}:${toJson(v)}`;
    first = false;
  }
  return `${out}}`;
}
