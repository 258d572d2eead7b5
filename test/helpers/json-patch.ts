/**
 * A small, strict RFC 6902 applier (test, add, replace, remove) used to check
 * that `--format yaml-patch` applied to the file gives the written model.
 */
import { isDeepStrictEqual } from 'node:util';

export interface Operation {
  op: string;
  path: string;
  value?: unknown;
}

export function applyPatch<T>(document: T, operations: readonly Operation[]): T {
  const root = { doc: JSON.parse(JSON.stringify(document)) as unknown }; // JSON has no shared nodes
  for (const [n, o] of operations.entries()) {
    const parts =
      o.path === ''
        ? []
        : o.path
            .slice(1)
            .split('/')
            .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (!o.path.startsWith('/')) throw new Error(`operation ${n}: bad pointer ${o.path}`);
    let parent: unknown = root;
    let key: string = 'doc';
    for (const part of parts) {
      parent = (parent as Record<string, unknown>)[key];
      key = part;
      if (parent === null || typeof parent !== 'object') throw new Error(`operation ${n}: ${o.path} does not exist`);
    }
    const isArray = Array.isArray(parent);
    const container = parent as Record<string, unknown>;
    const list = parent as unknown[];
    const index = isArray ? (key === '-' ? list.length : Number(key)) : -1;
    if (isArray && (!Number.isInteger(index) || index < 0 || index > list.length))
      throw new Error(`operation ${n}: bad index ${key}`);
    switch (o.op) {
      case 'test':
        if (!isDeepStrictEqual(isArray ? list[index] : container[key], o.value))
          throw new Error(`operation ${n}: test of ${o.path} failed`);
        break;
      case 'add':
        if (isArray) list.splice(index, 0, structuredClone(o.value));
        else container[key] = structuredClone(o.value);
        break;
      case 'replace':
        if (isArray ? index >= list.length : !(key in container))
          throw new Error(`operation ${n}: replace of missing ${o.path}`);
        if (isArray) list[index] = structuredClone(o.value);
        else container[key] = structuredClone(o.value);
        break;
      case 'remove':
        if (isArray ? index >= list.length : !(key in container))
          throw new Error(`operation ${n}: remove of missing ${o.path}`);
        if (isArray) list.splice(index, 1);
        else delete container[key];
        break;
      default:
        throw new Error(`operation ${n}: unsupported op ${o.op}`);
    }
  }
  return root.doc as T;
}
