import type { Catalog } from "./en";
import type enOauth from "./oauth.en";

/** Spanish strings of the hosted oauth pages (merged into ./es.ts). */
const esOauth: { readonly [K in keyof typeof enOauth]: Catalog[K] } = {};

export default esOauth;
