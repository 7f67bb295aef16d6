// sax ships no types and @types/sax is not installed; this declares only the part the guard uses.
declare module 'sax' {
  export interface QualifiedName {
    name: string;
    prefix: string;
    local: string;
    uri: string;
  }
  export interface QualifiedTag extends QualifiedName {
    attributes: Record<string, QualifiedName & { value: string }>;
    /** The namespaces in scope, by prefix ('' for the default one). */
    ns: Record<string, string>;
    isSelfClosing: boolean;
  }
  export interface SAXParser {
    onopentag: (tag: QualifiedTag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    ondoctype: (doctype: string) => void;
    onprocessinginstruction: (instruction: { name: string; body: string }) => void;
    onerror: (error: Error) => void;
    write(chunk: string): SAXParser;
    close(): SAXParser;
  }
  export function parser(strict: boolean, options: { xmlns?: boolean; position?: boolean }): SAXParser;
  const sax: { parser: typeof parser };
  export default sax;
}
