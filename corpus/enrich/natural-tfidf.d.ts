// natural's TfIdf, imported by path: the package's main module loads every part of natural (3.7 s, and it
// prints dotenv notices on stdout); this file loads in ~40 ms. Declared here because pulling natural's own
// types in makes tsc compile its .ts sources (its stop words: language/natural-stopwords.d.ts).
declare module "natural/lib/natural/tfidf/tfidf.js" {
  export default class TfIdf {
    addDocument(document: string[] | string, key?: unknown): void;
    tfidf(terms: string | string[], d: number): number;
  }
}
