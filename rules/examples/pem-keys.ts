/**
 * PEM blocks of the private-key rules' examples, one base64 line per source line so the rule file reads
 * top to bottom. Bodies are scripts/fake-secrets.mjs output (shape only, never issued). `pem()` joins them
 * with real newlines; `escapedPem()` with the two characters \\n, as a one-line .env or YAML value has them.
 */

function block(label: string, lines: readonly string[], eol: string): string {
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join(eol);
}

export const pem = (label: string, lines: readonly string[]): string => block(label, lines, "\n");
export const escapedPem = (label: string, lines: readonly string[]): string => block(label, lines, "\\n");

/** A PKCS#8 key (SMART on FHIR backend services sign with one), used whole and split across a + chain. */
export const SMART_PKCS8 = pem("PRIVATE KEY", [
  "I9OfXSfXRGMqnsRgH8WMxGecuG40p4KjS+HTX9zoygPEri84J0C8mYj6+xlUZzc2",
  "a4n0xq3vqGgn5e/Ru9wQsCOOKaq7LnVbBMlrXuWgRkTepWC3csdDFkFMSLoahO9k",
  "rj33skCknnFj/77WrYGWtg4/8+9CvCbKriOuSX7otD/LKzuugVVyboUbIvCyH+1u",
  "cTGkqMlr2z9461P9Xpaoj4gPTvA+sRMQv++QZLLMC4u1uI0VprtVcJvfReellHxJ",
  "GrjGIOANO+IsPU2BrgCoIy+g8jgUakfsevpRowkCdINL2LHxzpSQHegwMLHSmTB2",
  "B/f9sMnk1SNnj6ssUGJiTwLY0b7Jz28/rBw6EDjLQBW0KJW2T356kRuEoAiB3qLA",
  "4nr/mrKuW6NZ+QlFzr2OaDmglO0XT56FtC6ZBIwjxzMHs2P6Bp8SCRq59zHIZjaN",
  "n3ojxfBjikv7sVaLx7IQ14ZZASoenyVYfqasteyVBg5IQ8rr+cgSBQLkezpifXnN",
  "wEAaq48drznPSAy37Og+pAwYXJ96x0S2ZYLvK+l64sGCRm3XZTxixMilQZIAPqLF",
  "t2zv4YABvZnlg2AiRDeXS0ybnlSDbXscQWWj5ZeZuqAsjyFlwDgJTFXTbB/+SEn+",
  "TGg4otFfNBtYbRp2NfiEw8GoONjj0oC5tucbOwjv8KKKL52ITcdCSLzeEWWEx7iY",
  "GRc5MQ6myzuSifPyUy18J+oVOVrYUzNoYNv+/7sKOS3OH1IqwL8Dk4ecZMkDlyiU",
  "qhUQN68sGu967oKXWZHy4IDRbbvHmrI1OfWS/laTE/ckuJCZScoW/0XARl+QEBFv",
  "W+Y1gJY4r8oEKscd+ybnbAtf6yi6oVCH8sLdjDMuEjvGyAhJ7Of51rZbpm98/Mqz",
  "bWMqHrIk4yNmEFDq9jziVS2BaiGdrD6FvBtv6MRcy/JdfASpQGpF8txpxzYkw6aj",
  "1GuWeVSu55prIk+vfmWXcbhBkdeLxzezcYRGeu3l9vkPIxUiJvuQR0weKZkJiBNg",
  "u0hitKzjk2NwdelUEN/O3mGYAIsDMKVCX5bptzrdDrNqGdaro6E4IyDvS+t+k480",
  "waAnhFrKJazCEDJGEiYmK/SmQhL8iYGAOZivDpXcj3A+y70AfZmw7iV/rhqXSZLu",
  "cr7YObRbjTnvn2uKmKAk/hBU0oertVbnj51L8J6TnDJin2P65zQ4rYQL2mvuPliT",
  "13HBPsylCkytFF9GBxBY1RhLtvCKKG9HZ2eQzJTNFZVyiL16MaoYojM/Sz4eRjpe",
  "Uv85/WgQcMN3hgjBwFlOwJr6uGPTQ/n8YZJPx2FZP80l2CpqD7Z/50RlEDADOPEj",
  "FA7iwHXbpNlzwpN38QD9Kwgs7DQnHoSwMzeYU5JxzZYPrEWBG19atLBUHgGpH1Aj",
  "Qy5/75ySvWb0MrZTTgmWL4+dcdrR5oFWsvLCBv9eqdtEv0I/P4MKqInbuSi54UXd",
  "3PIxxlI7mauspoQUm/2UNfNeWFXP909XJyXFxlGVWINpLdYN2VDHlSc5VxJfMmeL",
  "2QfanT0xNY19ujMdaLkuRVKXcNq0WpCgC7LPl+PEtwKnWHjIPg3=",
]);

const RSA_LINES = [
  "fYrPA4DNrfl+MeWVG9lJfQ1wJ24guRDTYP9rl4Slv25ynbABsYHQtfIcmwvihTkV",
  "zvUANF9lnxzimrXgJYgGbeaxHTj6oBfEznNuN3SBZwRIyRpOFxZKOFSBOR/zC5jh",
  "g02g5EdaW+JOwm8IFzi0oEpKAQAozmiVavHSOEwfneinTJ3BoyJoN+XadxrQId7l",
  "/Tm+LHQlP0smTmJY7mh5AMfQRu7KK6+eBrwMVLrnFg6GaQaqgTSNANDH/B7RzvDK",
  "BZGl7FEtIz55HHb5fvOQCg+PKrVVwc2rTMZAM1OedW0VOSbU4MCDCbeoPef2YeX6",
  "1DrjId1fPweisNqITjwI4eJhXsRHgUed1ACtzwNnY2h+GcB+dbahkPxRTLU/7y0j",
  "QetdYAQ+1kqvlVeBm48h7MVpemMxpVum1oFOxW0YPOYM6NzJkwlZGvPJGuTIMXE4",
  "Y2BPWHYKgDugHRnMhvQiayMz0yysVgmlfjirCVroXYUgQlPXIYCSUTpncnbgPNxW",
  "sKeQXqzn3ciSRJGNhwsgktF1dcJSWf/lVMRBpUEDO1LbqLC5UN8eJYnt50ic4E8c",
  "nczIvDGj8M2u8jpEuSCebNsbarLhVIKNCieTPQoqcr0QZf+ynHXy7iXCb0PBHZmV",
  "eoVdryB/+DpqEfzhEhYnbs0DxtOuZfVW0veQYDIUBsHrL6+b3WdgqVxG4iX49fIf",
  "6qGWZcQz1EAXwe9r1gZe/REh2KgQJnJuwxyak88YctOjZFqgEo8osMiseGC0YZSn",
  "hlu+/GkzPvV1KSk69x1rMw9IhNVSKKysDxZKmhW1Jo3=",
];

export const RSA = pem("RSA PRIVATE KEY", RSA_LINES);
export const RSA_ESCAPED = escapedPem("RSA PRIVATE KEY", RSA_LINES);

export const EC = pem("EC PRIVATE KEY", [
  "bqeFDfuvuEgHuTI5StLguq+rDofm+MwlX/ydcoPxrc942UMUbd8R+ncrW9nWenlc",
  "h8Qej9U3xMSKxiMKDCH7uqOjvFssSGVDsglId/YqdjVfMHn1LaW3l+c3GKDC+H+C",
  "jKTDGCr/AY0tk5LFY+jR9XsiH/3Ny/CRYo==",
]);

export const OPENSSH = pem("OPENSSH PRIVATE KEY", [
  "5x623McKoaUyGMHMoXGAIzgmlR/hIAltQ3FNVCIMfBGUAYd+W0+/EAK+2igxX5AW",
  "m5siF6AEwrsLz4Snegnu9GNYXjO3df4QUSun0yDRby3LrHcXtWDWWYZX/wdsWN93",
  "k6A8HdoDIEmmGKONvU/Ble5fgOHB0HuRLFw7onANjhlA/xhMuOzK/6NJOqo1OD2y",
  "YNV1WsycY6YFqYmU6x3QHb/yd7C2j6D4r2n3PH4Wewy5Ou3W7UIJo8FMTGhXduW1",
  "pa3CpaaTzOCMpygUFvPPTIxcPR10egDwEW4zNGPn+IJCGtie2OvE8SaRJllIdxmH",
  "A+oAwbvmazCqFFDbPR1y/u/QDZija/F3AeBbedK1xbhmAjb4dOAfp3s3Jmnvjk7R",
  "/u9bbg152mAUX/8BkRzVxFVkcGnZQrJ3LPzD4Pl6xZUtORdOmOqcXQhk1FY6rAJ9",
  "P6PV0yanOr4PBmDk+IjZpFR1zYCjFGd4RHt1Tj7+C0aoIetWnh+EDWrKQJdu9GIM",
  "rpE52s5b9OMFj7pSW8qK",
]);

export const ENCRYPTED_ESCAPED = escapedPem("ENCRYPTED PRIVATE KEY", [
  "RThJElKrT4IZNgQoNn1P3HC2w9jAEWQkkrMGpWk0TSfo1geRWPwXBdcD9vBdrgtQ",
  "vsB6tIGxdvi7MMG22XDWFwtUkQmG7ujseZSSV5OGsmhYmO7cAUWNpY+aiZTacZGZ",
  "4I4Yi/321+mUItw8Jn4LSMW/KLbZaKqwxeoH0JpOHWAl/aA4Z9KvFIjgB+KMaI4T",
  "HX6oykzhNgUk92yRLc7pOxSfC9ccIw+Im1C3p4mtgI+qJd4YZ0xzSQLXNBkNBtJ4",
  "JNDGqJQnMyW/WPfe2dPu/3t731O0Fv2bVxpk4r6iI9ksUxf6ON13TWaeXm5=",
]);

export const PGP_PRIVATE = pem("PGP PRIVATE KEY BLOCK", [
  "Version: OpenPGP.js v5.11.2",
  "Comment: https://openpgpjs.org",
  "",
  "snEHp4QG9BIRCmuKUm9RbaRm6UhKVQPksXj95hdF6cqEIVs7KCqGLKOS+ItEDZBk",
  "Erve/FM6QXX4T5IVZp1b6p0BM0ZpdeYe1r1s6WCyF0Wm8UUbhi2++ZPQctnE0MT/",
  "aXra18UWDfMQP7yTTzLc8+6IOZrAMdiwCE368eiczzjzf/wLEKzV2zpEhnUjKidy",
  "7OIo9R8AasxLHKqnIb6D4udSB2cRlIw6HoWmG7M1LOz94OcKgovanDSlhf6p3NM5",
  "AtkE5gXSFcjOYtORCSD5g3H++CTeb3Z0Y/I81MOMRBiSARR/4lJSv8dDN9W+wjy8",
  "7q2jUQ4VTJ67c06RcZjkg7uAV/LSNtC68eyt1Lvip1lr2WVct3JmuQvGNkXoKumw",
  "aPuJkIk60ru/yL+jGEpUih/FnoNzIppTEfKn/34oDtRWB8VBAvfTUmwjXttY/EcC",
  "V27MupzFEFKG1t10bvF1K1hK/w/QbJLTyaetPDz9R2GLNPGoQ3XFZ5U+M3GowTD/",
  "uc6w+co8i8El3QELty0yTQS7TmJqcmxNpNnRhPeWmCegSw5S",
  "=pZse",
]);

export const LEGACY_ENCRYPTED_RSA = pem("RSA PRIVATE KEY", [
  "Proc-Type: 4,ENCRYPTED",
  "DEK-Info: DES-EDE3-CBC,C2908C0F79F9C7F1",
  "",
  "iFC9jk7nIhJFbV61BppymtUkC9r9LyvS/j9Cu37qmZtLHlK4YRIISKthv7JR5LIB",
  "0b3x7U/V6DM5KWTIYHh4fiW7ExSxa9ZWrCoCkmG6kIHw+F62zwF4QPNgZ2wlK8X2",
  "59Xq9JKJRfOyNOZ5CC06ChAbbWXna9A+tREL1NoHij4rch/aW9gNxp3vCVimLK12",
  "1379rGRgakjUZHvGZTYr3KJo/GKppMAXTCwYpKe4K3I9CIJJd5P7Nnz0JvdhSHqp",
  "N3+AUHJak1roUoUzn285Hvmziw1NWtlRM3dTNs8kzcqJWmeVdWfVf3q+JK6+ixAz",
  "tv4zvXxuZQPw4eXujtq4Czy11noz5nIoytabI3lYFFqcqKGAUV0RQAANef1VBllW",
  "6KHRc9qNUkzQKPCSEdvsOsgjaeMVqvo2Kdvbb4HZgoLwQ+ruXXUE2MtiGHWy2RNm",
  "0lgroqop2HWbDdBWY3AHrk+Lq26ou88vcQ99sG7NuKMLehMmcWRQaL/Hak613ApQ",
  "l5dc4Jr/5wr3YlMZY2srwYxv2HgZFY8er/soTkjZORNtLa5dIWB1Wx//CNYxYMMh",
  "0GcSp6ra0VBMo1rXmASqC7X9FbGQVGX5/9HBnD13Y7RS8KbGbJ2ize85hY81Eu1o",
  "dOu3f0v+eaZukx4Ik7Rb/skJTEg3uSSCR13H3XuDe34U7qrBO+3KbPnV+5pvHDPD",
  "8YHA1w2luTnUw3U33ry5VMsSMOZUYZmOcvpopLjO79HKF0CVeiRjubN6BkE3YDkg",
  "qv2rZQJ20Kx3tUOLCPXYtofL8m4Nfn2O7cxIFkab+CIoqQMZbyxQmDuwO4l+hFZF",
  "UnxmxVT/j04o72m5H5UHRJ==",
]);

export const DSA_ESCAPED = escapedPem("DSA PRIVATE KEY", [
  "sjiQEsvwNQdKfdta6S5ww5els16vIVTSjWOCIdy3WEFARmgR8Cj1EDnIS5UP4y8X",
  "WSasj7RISYHUcHmQpd0qcn2QjdQCUk2jkK5TOaOjhIs7LVQjCWEuYF5yG496ZTV3",
  "5/IBdo5cXzH30IG0zMti55EPXo7TGLjDs1FR23mMTiNvLdWpuKMsigzjETIvLGrE",
  "uuJS2lvlI/aA0DVh+FfRga3yHTjCK6ji9W5I1JE4yST8mDj2Izq1Ilc8hSIxfSXf",
  "HSl+VP/siS7lAoiwe3ZS1TeK5y5WHGas+XV7yxXWkVpKlACBKrzSZKES/Ix7KAR0",
  "XTisssmUW1oHOvLkNfsN6pk3DspUJkG3qP+uu2yT7Hfr6zDVIYmrAS9wljJUg2L7",
  "bbWFV29oOyamZd/qWxRjnw6Tv6eOkgAN2iOXuOvSBfBwevZdjemJARSTzHru2s3o",
  "LNgLujj06MfRvSkugc6HmeCIe8AvB4gtCcKXo0xCdNhrRA295DFv8X8JYwiqsT3s",
  "q7vYSVlWgrGSk+25JbcsnN7l65huBJYRmc5Tx4qoHQF9vrjKzSRCLT3clgnbcr62",
  "SSXQOtPTTfd8/1f9",
]);

export const TRUNCATED_SAMPLE = pem("PRIVATE KEY", ["MIIEv..."]);

export const PUBLIC = pem("PUBLIC KEY", [
  "Lu+P0aG6SSLk2sohmsFfrdQMSER4oib3KTLaGCFEqY++Bi2fn1VWLbE9hzkM8C5F",
  "Sf4jNq8sn8LQa7E5wTMfNsVjG82aL/a+OY+8afXAI0w7vtkLcesy57kCsp9fWi28",
  "gMu0ryGBRTtUOL1Y88m+T/GUTvqlafll14NkpsfYadKdRncEMwSuuXw9KER6ZCGQ",
  "mpQwQO+XJ+kIUaW86aVY0lA4Lclm17n84JYPxL0mL47dWsl03QmdYvpq6oDJsLTt",
  "3zZDLlZw+dNUTStXZvKl9eWejySDrX1bOWmdeipjyw7KIs7JaOBkfdLPDMgqt37a",
  "sWOR+BnMHNK/kCcTwWUPB9Znlej6N4hOkXTk30v5DoiFPoh3xtfnznhWTlbOkMQn",
  "1BYQKaOv",
]);

export const CERTIFICATE = pem("CERTIFICATE", [
  "sK+XiTWvjmZ95lXa9f3vVfvJx7NSUnhVpERiFzC1wiE6FPHXz5kvt7RmGAKHLw/V",
  "UQwOntcmSjqJ/vFY/3lo+2em7KqUE119O14tRAFNr/LnCo7kLuCEdXZUWLnc79ho",
  "pqHsGsP+Ia3KD1y7TsSpW64cg4ZhgkdMTfp4rgKUDpq5RcKWFFcUMK3ekbyrmJk8",
  "UaIBHMl3/z4II2diRxenI3ADu4NW3Bb3ruvtCwSIH/iupSe2yL35Al2XbJA8GVen",
  "LK9j1hFD4ulY1zS9wxmxUcZn5J6S75nrsqYw4WYBfwDbV2BH3Lhcpq8gVAmX4pfP",
  "HZk74ZevgSdogUO6OSwidA9DQ4KVrJJIYPZMpQccKTg2Etmt6ZdDCNT0arI99T4p",
  "gjcuiEqdm5cUEhE9skhRD+yZl6hhqwFvt/HDLO5AdSY5pzdO6NjUwcu6R1/sQ6Qi",
  "VRA0UQkFLaz/p4ikUj+p6UTppGtRJQmRYCK2hoaNoAJaIRCcTGjK8+QmDVfV24HC",
  "Wy5iEWnV/zEQe0HLmQlEGkcFYBXocwPc0SDO3JQrbqPSbDC4",
]);

export const PASTE_HERE_TEMPLATE = escapedPem("RSA PRIVATE KEY", ["<paste your private key here>"]);

export const PGP_PUBLIC = pem("PGP PUBLIC KEY BLOCK", [
  "",
  "Lu+P0aG6SSLk2sohmsFfrdQMSER4oib3KTLaGCFEqY++Bi2fn1VWLbE9hzkM8C5F",
  "Sf4jNq8sn8LQa7E5wTMfNsVjG82aL/a+OY+8afXAI0w7vtkLcesy57kCsp9fWi28",
  "gMu0ryGBRTtUOL1Y88m+T/GUTvqlafll14NkpsfYadKdRncEMwSuuXw9KER6ZCGQ",
  "mpQwQO+XJ+kIUaW86aVY0lA4Lclm17n84JYPxL0mL47dWsl03QmdYvpq6oDJsLTt",
  "3zZDLlZw+dNUTStXZvKl9eWejySDrX1bOWmdeipjyw7KIs7JaOBkfdLPDMgqt37a",
  "sWOR+BnMHNK/kCcTwWUPB9Znlej6N4hOkXTk30v5DoiFPoh3xtfnznhWTlbOkMQn",
  "1BYQKaOv",
]);
