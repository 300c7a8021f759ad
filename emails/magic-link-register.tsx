/** Registration ("confirm your email") link email (spec §7.2, §12.2). */
import { LinkEmail, type LinkEmailProps, PREVIEW_BRAND, PREVIEW_ORIGIN } from "./_components/link-email";

export type MagicLinkRegisterEmailProps = LinkEmailProps;

export default function MagicLinkRegisterEmail(props: MagicLinkRegisterEmailProps) {
  return <LinkEmail {...props} messages="register" />;
}

MagicLinkRegisterEmail.PreviewProps = {
  locale: "en",
  brand: PREVIEW_BRAND,
  url: "https://app.example.com/login?sct_magic=eyJhbGciOiJSUzI1NiJ9.preview.signature",
  expiresInMinutes: 33,
  requestedFrom: PREVIEW_ORIGIN,
} satisfies MagicLinkRegisterEmailProps;
