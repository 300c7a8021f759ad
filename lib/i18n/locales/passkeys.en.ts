/** English strings of the hosted passkeys pages (merged into ./en.ts). */
const enPasskeys = {} as const;

export default enPasskeys;
