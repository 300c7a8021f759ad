import type { Catalog } from "./en";
import type enPasskeys from "./passkeys.en";

/** Spanish strings of the hosted passkeys pages (merged into ./es.ts). */
const esPasskeys: { readonly [K in keyof typeof enPasskeys]: Catalog[K] } = {};

export default esPasskeys;
