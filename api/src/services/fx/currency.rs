//! ISO 4217: the active currency codes an amount or an FX rate may name.

/// Active ISO 4217 alphabetic codes (list of 2026), sorted for binary search. Fund codes,
/// precious metals and testing codes (XAU, XTS, XXX…) are left out: no one is paid in them.
const CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN",
    "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF",
    "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP",
    "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
    "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY",
    "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD",
    "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK",
    "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK",
    "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG",
    "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS",
    "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
    "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

/// The code in upper case when it is an active ISO 4217 currency, else why not.
pub fn iso4217(code: &str) -> Result<String, String> {
    let upper = code.trim().to_ascii_uppercase();
    if CODES.binary_search(&upper.as_str()).is_ok() {
        Ok(upper)
    } else {
        Err(format!(
            "{:?} is not an active ISO 4217 currency code (such as EUR, USD, GBP)",
            code.trim()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_so_binary_search_finds_every_code() {
        assert!(CODES.windows(2).all(|w| w[0] < w[1]));
        for code in CODES {
            assert_eq!(iso4217(code).as_deref(), Ok(*code));
        }
    }

    #[test]
    fn codes_are_case_insensitive_and_unknown_ones_are_refused() {
        assert_eq!(iso4217(" usd ").as_deref(), Ok("USD"));
        assert!(iso4217("EURO").is_err());
        assert!(iso4217("XXX").is_err());
        assert!(iso4217("").is_err());
    }
}
