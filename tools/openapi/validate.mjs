// Validates an OpenAPI document (a file or a URL) with @readme/openapi-parser: the JSON Schema of OpenAPI 3.1 and the
// parser's own checks (unique operation ids, resolvable $refs, path parameters declared). Exit code 0 when valid.
import { readFile } from 'node:fs/promises';
import { validate } from '@readme/openapi-parser';

const source = process.argv[2];
if (!source) {
  console.error('usage: node validate.mjs FILE|URL');
  process.exit(2);
}
const text = source.startsWith('http') ? await (await fetch(source)).text() : await readFile(source, 'utf8');
const document = JSON.parse(text);
if (!String(document.openapi).startsWith('3.1')) {
  console.error(`not OpenAPI 3.1: ${document.openapi}`);
  process.exit(1);
}
const result = await validate(document, { validate: { errors: { colorize: false } } });
if (!result.valid) {
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
if (result.warnings?.length) console.warn(JSON.stringify(result.warnings, null, 2));
console.log(`valid OpenAPI ${document.openapi}: ${Object.keys(document.paths).length} paths`);
