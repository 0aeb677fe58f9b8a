// natural's TfIdf and stop words, imported by path: the package's main module loads every part of natural
// (3.7 s, and it prints dotenv notices on stdout); these two files load in ~40 ms. Declared here because
// pulling natural's own types in makes tsc compile its .ts sources.
declare module "natural/lib/natural/tfidf/tfidf.js" {
  export default class TfIdf {
    addDocument(document: string[] | string, key?: unknown): void;
    tfidf(terms: string | string[], d: number): number;
  }
}
declare module "natural/lib/natural/util/stopwords.js" {
  export const words: string[];
}
