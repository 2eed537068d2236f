/**
 * Example payloads of the gcp/service-account rule, built from parts so the rule file reads top to bottom.
 * The keys are from scripts/fake-secrets.mjs (shape only, never issued); the ids are the examples' secrets.
 */

/** A service-account key file as Google issues it, without its id and key. */
const KEY_FILE = {
  type: "service_account",
  project_id: "clinic-portal-prod",
  client_email: "fhir-export@clinic-portal-prod.iam.gserviceaccount.com",
  client_id: "104729386512047836152",
  auth_uri: "https://accounts.google.com/o/oauth2/auth",
  token_uri: "https://oauth2.googleapis.com/token",
  auth_provider_x509_cert_url: "https://www.googleapis.com/oauth2/v1/certs",
  client_x509_cert_url:
    "https://www.googleapis.com/robot/v1/metadata/x509/fhir-export%40clinic-portal-prod.iam.gserviceaccount.com",
  universe_domain: "googleapis.com",
} as const;

const KEY_A =
  [
    "-----BEGIN PRIVATE KEY-----",
    "j/XhRYrlU/Jz7oYGCQLhFwPCyMKWCdyR+SI0ip3mcaGaDB10PcTCWDewCD4zJdUv",
    "U/f6JWLZitqOAwK7iEoCAD1+CvCdECGyhWAQqlNg8YTFHkSQY6sQR2WP3c/a21Zq",
    "WCQlJ+pBZ5QEqxlsycPjQfi8rbLPqQbnsQYF0HCTy9ZmQEqCzG5+0P1ZP0D/amUJ",
    "lqT2Ye7I6YvEB5NxpwEI3VMa6JaF/+yyTun0WsbDAZSaSL/Y1IWpu9UFK4kqMOEx",
    "5+l4G3+M/Ze3gEMZKYcOikBLI2Hmz37tA6p3TN6aQed0J5QhavYZzr7yEM0l95qP",
    "PN58xcrdxkHhGlfgrpWBjuwDOknUw/7sLTJaSkPBjfpPOTkqNDVIVXBHBGuvRALE",
    "latm1c2VQ3stw5eYuxss4ZksiYfwk8CvprNCDEMMrhuRHXloNIlabW48E9Aoklva",
    "6PhwfddobKNIBVrLEwYN9WVZfgySeRWw9Lp+N4P2UN3/5Om0jmKkQsymPsaJ0Hmt",
    "cLGXhN+fSwhUD+doGExCVcGwAc0yM+Sa7hZDgZGeivks05kjP4gRpyujK0TauRtY",
    "LcurKYlLP0AeHO8gVth5aATN7mPmgTECtHyuXQD0VUP6FceZbJJml7zK7TfXJlsS",
    "W60QF38DkZcQ1Wlj5Ml5Myp0UW4GTnoVozZnZ7xpWuhvQ3nTl5bAwccnfqFiyZX8",
    "GX33oH8/Ww2LVYI/TiLNXJEWPhKzXWtkt+oz7/kxzePZE/a/i03puBexVYl5kOKm",
    "8gHQiUvitlvQJQI+TsKUJWDZLVvEwqWi4UIXxnMqtK7fLV5AkuDf3uY/oOKwP1j9",
    "iaD0uCBWfHBap4keK7k7C9nQdaBgXv3JmcdtIO2qmeT8NNwAUCHOp3nkmB81qI5+",
    "ctAryXtyGG6QszBhS2abKptV4qZMrBxvaPoRI7xiIxhlt1yKPIZJgX0Lti/nDKFM",
    "OGwWJJRAbgFKa/vE48WjMQwYot0w/QAGezGEOrFR6e+R656gIPvJhrQnepPlQtlG",
    "GsD6yt2sbB+hwAyL33FUyC1DyPYHvOEPRjyv2jF3guuTxPckLWsU4wEK5u3OnBG7",
    "0SoW3uirFCtRmciF1G0yuDHrg9ckPnp2GnDr3uAdRFitn16wwt1OfBRfMon5qIxV",
    "rgxPSa/NUiOor/GiIYRv5+5VxtmDUZRga+ELIcXyxxBNsjtZZbITqyygQxVRPb6L",
    "+uBeMQAPauMZlgyKIAuX0Ej7quh5DvTGOE3HPQZUlh+5wS8TnHei598jsYyVNfFU",
    "kVQDLf/jcsMOQe+wc6Ro8LEFrPlJTPGuG86/jF+Lo0sXwh1gBPcDzToLMDb789f+",
    "qxIPto4Y7/CjMe1TaA9O5TxDsUKSxmw++qAyV97f99AHG5ryc41s8Y9B/ggj9oOo",
    "d3qJ1doimbvKQ3g8qkksmKV8ulrASCARiEkfu6GCo1Sxr1Ww661LEID2v9Ufsk96",
    "sKKiLIXSHZTsqvx5etU39Dg7MEk/6gkQDx5/v26pOcwi9mGSdRCSZ52k0idgz/Dv",
    "bCMjqw83x6xPP7JSMl8Pz+UnXQ+5TecOOhpQt1FK3DYz0CdQUZ+=",
    "-----END PRIVATE KEY-----",
  ].join("\n") + "\n";

const KEY_B =
  [
    "-----BEGIN PRIVATE KEY-----",
    "AQxTrzMNUyTYtlrXczq1DUmpfJMzqflQrsPNQWeLvN32Ys89xL14vmLahilgYl5u",
    "wCI+u0V6WjydUM66MgM99ajTMXBraOpX4m5ffmd7vmxuMNpRwlYxnM0QvVAikbmh",
    "oK99ivRY+TDJMMzxAcS221NSfrspTL6YvbAQZYSOU1Wi+PhBC9uck+f96rMV4bqT",
    "JZrTUETY0NvKtqmjQc09s6COPHEveWyZ8SgMl6nJ4QX9i/JxXokcbeTU4Qg8WhOY",
    "l+N3O7CVeZGPIzzFuE/ObNt55GOcD/pPD58aXVVoIYFBl5AjVJj7YPKnG6ljxcJq",
    "QTcFnui2L4ykDVr+N3WhCCJWn2Xaz+ZGR4CY5//k86QN/aP/I7pk+potDqrWRTDQ",
    "I90QKYNQPrCEIv5P44FyrLS8v9ryu9Ld1TKg/LTraZKDLk2USv+WxLwYUtJJD498",
    "tHh1nlI5QWJ/Z7kzO+OijWURp3KdAFOLr1tS5Kdwf9KuSzbIJYSYC2IGFMm3wgBt",
    "RjR8YC4i36bB6GpBFa4eYCuWNvl8q0zMMG7OyY9d3KdBi1qRwwmqVs8nGnWQccGp",
    "miN8wf8efz25Ow22e11eOHe6WBGviCOAQwf3flmZ7eGQBaHbDKH1TJ+fdbkyIwaW",
    "HU8zPQseOdZSy9kQVzcOa1CiwFZei0WR3TBWs23j+5JApQxSwrbEoWhVQ6kBffYd",
    "5cgc4CWUpg7B99tJyi0kYzyVLrJ/S/bM8IPgU1lyw/xGaIL3m11qJR3rFrq16miN",
    "Im2p0fP5UWOXuLrI3bnb2fd9ZJ7HW9AHAnhhcIfRJCdBl58G3JrAKoPV1xMvJKRA",
    "UgD0yQ2ul+lutzbL5KfvXh2dCM9x3qxPDPPQ9lLenkXcynohRnA9Bftvy1jM7Uif",
    "P+Kb3m4gABodriYHChVJDj6bC5JPVR4I2BaxWCsFPeL43m4uXdZK2ra9d4Q5H5XZ",
    "0t76j3yU8Q6aKfOznURFCKN0ZnwaoqwTAAov7/DkaiQgTaPdROD0+aBh2qidB5TP",
    "XVELLSXO9TEh+ZLp1zOUIQ6l/hit0smy3eGpsnhZrr3veEES1djvQRP0Ud5tLeWJ",
    "Xw6Yyw7TVeau/TBriuSwYXSaZEVZm44nqxWCh8sUWB8VpIE+5qyhOY8U3BCgYJ5V",
    "gZPV1HH8pPKqapu5JogpimYp7lFb1ai7XXHo/VR2TFeAMxalOCvnBCCQFgOUA2Xw",
    "OXolnAwpPp+27DR4FXRCSuK1P/BCmEE81DitFdCmX9Fia6agQkp21tcTbddOXUeN",
    "rDYL0vpzpvNzs1Pxz1U3wqNuHVkEestmswp/bTM52GWXFISiNB6B8Ic+yv9HonB7",
    "5J8VKnZe6816uSgUPIp85KRtOJJGIrWB5y8v541R0ZpvsgbGave2ik818gyKYZJJ",
    "l6+klUuzihuCouYeAzpsZ6GX5qBFrFzRuyYNDqRyVO3HpRdCIqqYykKxl5ZE7M5E",
    "YsLSDXPGST+85RaGVxrOe1CI/bnDpKiLHgjbpRnUdxWSN4rfGF96akbgRu9XrEgV",
    "MMkyKqE9mAfhVFpeHASzGXVsAVtw5d5NbYqyaarDAFunC6TrLd1oy5==",
    "-----END PRIVATE KEY-----",
  ].join("\n") + "\n";

/** A key file for `privateKeyId`, holding key A or B. */
export function serviceAccountKey(privateKeyId: string, key: "A" | "B" = "A"): Record<string, string> {
  const { type, project_id, ...more } = KEY_FILE;
  return {
    type,
    project_id,
    private_key_id: privateKeyId,
    private_key: key === "A" ? KEY_A : KEY_B,
    ...more,
  };
}

/** An object as a minifier writes it: unquoted keys, JSON string values. */
export function minifiedObject(object: Record<string, string>): string {
  return `{${Object.entries(object)
    .map(([key, value]) => `${key}:${JSON.stringify(value)}`)
    .join(",")}}`;
}
