/** Sign-in link email (spec §7.1): `{login_url}?sct_magic=…`. */
import { LinkEmail, type LinkEmailProps, PREVIEW_BRAND, PREVIEW_ORIGIN } from "./_components/link-email";

export type MagicLinkLoginEmailProps = LinkEmailProps;

export default function MagicLinkLoginEmail(props: MagicLinkLoginEmailProps) {
  return <LinkEmail {...props} messages="login" />;
}

MagicLinkLoginEmail.PreviewProps = {
  locale: "en",
  brand: PREVIEW_BRAND,
  url: "https://app.example.com/login?sct_magic=eyJhbGciOiJSUzI1NiJ9.preview.signature&sct_sk=true",
  expiresInMinutes: 33,
  requestedFrom: PREVIEW_ORIGIN,
} satisfies MagicLinkLoginEmailProps;
