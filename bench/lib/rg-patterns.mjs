// The ripgrep side of the bench: one pattern per kind of credential the rules look for, each of the same
// strength as the rule (its prefix or name plus the body's character class and length), the way a real
// secret pattern list for a grep tool reads. Comparing against ripgrep with bare keywords (`-F -i akia`)
// flattered ripgrep: a literal search is cheaper than any secret pattern. Lookarounds are left out (Rust's
// regex engine has none); the bodies keep the rules' classes and bounds.
export const RG_PATTERNS = [
  // medblocks/live-api-key, sandbox-api-key, unknown-env-api-key
  "mb_sk_[a-z][a-z0-9]{1,11}_[A-Za-z0-9]{8,128}",
  // medblocks/webhook-secret, webhook/signing-secret
  "whsec_[A-Za-z0-9+/=_-]{24,128}",
  // private-key/pem
  "-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----",
  // aws/access-key-id
  "(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}",
  // aws/secret-access-key
  String.raw`(?i)(aws_?)?secret_?access_?key["'\x60]?[ \t]{0,4}[:=][ \t]{0,4}["'\x60]?[A-Za-z0-9/+]{40}`,
  // gcp/service-account
  String.raw`private_key_id["']?[ \t]{0,4}:[ \t]{0,4}["'][0-9a-f]{40}["']`,
  // gcp/api-key
  "AIza[0-9A-Za-z_-]{35}",
  // gcp/hmac-secret (the GOOG access id it is found next to)
  "GOOG[0-9A-Z]{20,61}",
  // azure/storage-connection-string, azure/storage-account-key
  String.raw`(?i)(AccountKey|account_key|storage_?key)["'\x60]?[ \t]{0,4}[:=][ \t]{0,4}["'\x60]?[A-Za-z0-9+/]{86}==`,
  // azure/sas-token
  "sig=[A-Za-z0-9%+/=]{20,120}",
  // http/basic-auth-url
  String.raw`(https?|wss?|ftps?|postgres(ql)?|mysql|mongodb(\+srv)?|rediss?|amqps?|smtps?)://[A-Za-z0-9._~%!$&*+,;=-]{0,64}:[A-Za-z0-9._~%!$&*+,;=-]{1,128}@[A-Za-z0-9.-]{1,253}`,
  // http/authorization-header
  "(?i)(Basic|Bearer) {1,3}[A-Za-z0-9._~+/=-]{16,4096}",
  // smart/client-secret
  String.raw`(?i)client[_-]?secret["'\x60]?[ \t]{0,4}(:|=>?)[ \t]{0,4}["'\x60]?[A-Za-z0-9._~+/=!@#%^*-]{8,256}`,
  // jwt/privileged-token
  String.raw`eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{16,2000}`,
  // private-key/jwk, private-key/jwk-object
  String.raw`["']?(d|k)["']?[ \t]{0,4}:[ \t]{0,4}["'][A-Za-z0-9_-]{16,1400}["']`,
];
