import { escapeXml } from './xml.js';

/** A small RDF graph of named nodes, written as Turtle or RDF/XML (no blank nodes needed). */
export type Term = { iri: string } | { value: string; lang?: string; datatype?: string };
export interface RdfNode {
  iri: string;
  types: string[];
  props: [predicate: string, object: Term][];
}

export const prefixes: Record<string, string> = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

export const iri = (value: string): Term => ({ iri: value });
export const lit = (value: string, lang?: string): Term => (lang ? { value, lang } : { value });
export const typed = (value: string, datatype: 'date' | 'dateTime'): Term => ({
  value,
  datatype: `${prefixes.xsd}${datatype}`,
});

function expand(name: string): string {
  const [prefix, local] = name.split(':', 2) as [string, string];
  const ns = prefixes[prefix];
  if (!ns) throw new Error(`Unknown RDF prefix in ${name}`);
  return ns + local;
}

/** IRIs come from the request's base URL and our own paths; anything unsafe is percent-encoded. */
// eslint-disable-next-line no-control-regex
const unsafeInIri = /[\u0000-\u0020<>"{}|^`\\]/g;
const safeIri = (value: string) => value.replace(unsafeInIri, (c) => encodeURIComponent(c));

function turtleLiteral(t: { value: string; lang?: string; datatype?: string }): string {
  const s = t.value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  if (t.lang) return `"${s}"@${t.lang}`;
  if (t.datatype) return `"${s}"^^<${safeIri(t.datatype)}>`;
  return `"${s}"`;
}

export function toTurtle(nodes: RdfNode[]): string {
  const head = Object.entries(prefixes)
    .map(([p, ns]) => `@prefix ${p}: <${ns}> .`)
    .join('\n');
  const body = nodes.map((n) => {
    const lines = [`  a ${n.types.join(', ')}`];
    for (const [p, o] of n.props) {
      lines.push(`  ${p} ${'iri' in o ? `<${safeIri(o.iri)}>` : turtleLiteral(o)}`);
    }
    return `<${safeIri(n.iri)}>\n${lines.join(' ;\n')} .`;
  });
  return `${head}\n\n${body.join('\n\n')}\n`;
}

export function toRdfXml(nodes: RdfNode[]): string {
  const ns = Object.entries(prefixes)
    .map(([p, uri]) => ` xmlns:${p}="${escapeXml(uri)}"`)
    .join('');
  const body = nodes.map((n) => {
    const [first, ...more] = n.types as [string, ...string[]];
    const props = [
      ...more.map((t) => `<rdf:type rdf:resource="${escapeXml(expand(t))}"/>`),
      ...n.props.map(([p, o]) => {
        if ('iri' in o) return `<${p} rdf:resource="${escapeXml(safeIri(o.iri))}"/>`;
        const attr = o.lang
          ? ` xml:lang="${escapeXml(o.lang)}"`
          : o.datatype
            ? ` rdf:datatype="${escapeXml(o.datatype)}"`
            : '';
        return `<${p}${attr}>${escapeXml(o.value)}</${p}>`;
      }),
    ];
    return `  <${first} rdf:about="${escapeXml(safeIri(n.iri))}">\n    ${props.join('\n    ')}\n  </${first}>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF${ns}>\n${body.join('\n')}\n</rdf:RDF>\n`;
}
