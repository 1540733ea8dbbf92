// Loads src/functions/catalog.ts (the one list of custom functions) for the build and docs scripts.
import { build } from 'esbuild';

export async function loadCatalog() {
  const out = await build({
    entryPoints: ['src/functions/catalog.ts'],
    bundle: true,
    format: 'esm',
    write: false,
    platform: 'neutral',
  });
  const code = out.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

const JS_TYPES = { text: 'string', number: 'number', date: 'Date|string', month: 'Date|string' };
const TABLE_TYPE = 'Array<Array>';

/** The JSDoc block and top-level stub Apps Script needs for one custom function. */
export function customFunctionStub(spec, tableDescription, namespace) {
  const params = [
    ...spec.tables.map((kind) => ({ name: kind, type: TABLE_TYPE, description: tableDescription(kind) })),
    ...spec.params.map((p) => ({
      name: p.name,
      type: JS_TYPES[p.type],
      description: p.optional ? `Optional. ${p.description}` : p.description,
    })),
  ];
  const returnType =
    spec.returns.kind === 'number'
      ? 'number'
      : spec.returns.kind === 'table'
        ? TABLE_TYPE
        : `number|${TABLE_TYPE}`;
  const lines = [
    '/**',
    ` * ${spec.description}`,
    ' *',
    ...params.map((p) => ` * @param {${p.type}} ${p.name} ${p.description}`),
    ` * @return {${returnType}} ${spec.returns.description}`,
    ' * @customfunction',
    ' */',
    `function ${spec.name}(${params.map((p) => p.name).join(', ')}) {`,
    `  return ${namespace}.pipelineRun_('${spec.name}', arguments);`,
    '}',
  ];
  return lines.join('\n');
}

/** The README's function reference, in Markdown. */
export function functionReference(catalog) {
  const rows = catalog.FUNCTIONS.map((spec) => {
    const args = [
      ...spec.tables.map((t) => `[${t}]`),
      ...spec.params.map((p) => (p.optional ? `[${p.name}]` : p.name)),
    ];
    return `### \`${spec.name}(${args.join(', ')})\`\n\n${spec.description}\n\n${[
      ...spec.tables.map((t) => `- \`${t}\` — ${catalog.tableDescription(t)}`),
      ...spec.params.map((p) => `- \`${p.name}\`${p.optional ? ' (optional)' : ''} — ${p.description}`),
      `- returns — ${spec.returns.description}`,
    ].join('\n')}\n\nExample: \`${spec.example}\``;
  });
  return rows.join('\n\n');
}
