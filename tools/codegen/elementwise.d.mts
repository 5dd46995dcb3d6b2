/** Types for tools/codegen/elementwise.mjs (the test that checks the generated file imports it). */
/** The text of native/src/generated/elementwise.inc for the current primitives. */
export function generate(): Promise<string>;
