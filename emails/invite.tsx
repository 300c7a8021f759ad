/** User invitation email (spec §7.6, §12.10): `{login_url}?sct_magic=<invite token>`. */
import { LinkEmail, type LinkEmailProps, PREVIEW_BRAND } from "./_components/link-email";

export type InviteEmailProps = LinkEmailProps;

export default function InviteEmail(props: InviteEmailProps) {
  return <LinkEmail {...props} messages="invite" />;
}

InviteEmail.PreviewProps = {
  locale: "en",
  brand: PREVIEW_BRAND,
  url: "https://app.example.com/login?sct_magic=eyJhbGciOiJSUzI1NiJ9.preview.signature&sct_sk=true",
  expiresInMinutes: 10080,
  requestedFrom: { device: null, ip: null },
} satisfies InviteEmailProps;
