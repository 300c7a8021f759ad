/** English strings of the hosted sign-up page (merged into ./en.ts). */
const enSignup = {
  "hosted.signup.link": "New to {app}? Create an account",
  "hosted.signup.title": "Create your {app} account",
  "hosted.signup.intro": "Tell us a little about yourself. We'll send you a way to confirm your address.",
  "hosted.signup.submit": "Create account",
  "hosted.signup.have_account": "Already have an account? Sign in",
  "hosted.signup.optional": "(optional)",
  "hosted.signup.closed": "Sign-up is closed for {app}. Ask them for an invitation.",
  "hosted.signup.fix_fields": "Check the highlighted fields.",
  "hosted.signup.field.required": "This field is required.",
  "hosted.signup.field.string": "Enter at most 256 characters.",
  "hosted.signup.field.text": "Enter at most 10,000 characters.",
  "hosted.signup.field.integer": "Enter a whole number.",
  "hosted.signup.field.date": "Enter a date.",
  "hosted.signup.field.email": "Enter a valid email address.",
  "hosted.signup.field.phone": "Enter a phone number in international format, e.g. +44 20 7946 0958.",
  "hosted.signup.field.url": "Enter a web address starting with https://.",
  "hosted.signup.field.boolean": "Choose yes or no.",
} as const;

export default enSignup;
