//! The schema the mock backend serves: the engine's own, written to `bindings/schema.json`
//! by the same generator as the TypeScript types (`make bindings`), so it cannot drift.
import type { KindSchema } from '../bindings/KindSchema';
import generated from '../bindings/schema.json';

export function mockSchema(): KindSchema[] {
  return structuredClone(generated as KindSchema[]);
}
