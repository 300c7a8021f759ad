// The Ruby SDK's JWKS path (spec §24 C12): the very same handler and document as /jwks.
export { GET, OPTIONS } from "@/app/v1/auth/[app_id]/jwks/route";
