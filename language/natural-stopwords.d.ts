// natural's English stop words, imported by path: the package's main module loads every part of natural
// (3.7 s, and it prints dotenv notices on stdout). Declared here because pulling natural's own types in makes
// tsc compile its .ts sources.
declare module "natural/lib/natural/util/stopwords.js" {
  export const words: string[];
}
