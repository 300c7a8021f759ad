/** English strings of the hosted oauth pages (merged into ./en.ts). */
const enOauth = {} as const;

export default enOauth;
