//! Phone numbers and operators for mobile money: [`normalize`] turns what a buyer types
//! (`+237 6 70-00-00-00`, `0024 ...`, `0772 123456`, `670000000`) into the form every gateway
//! here wants, E.164 digits without the `+` (`237670000000`), checking the length against the
//! country's numbering plan. [`Country`] knows the countries our gateways serve; [`Operator`]
//! names the mobile-money networks a payer or recipient can choose.

use std::fmt;

/// A country the mobile-money gateways serve: codes and its numbering plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    /// ISO 3166-1 alpha-2 (`CM`), as Flutterwave wants it.
    pub alpha2: &'static str,
    /// ISO 3166-1 alpha-3 (`CMR`), as pawaPay wants it.
    pub alpha3: &'static str,
    /// The international dialling code, without `+` (`237`).
    pub dial_code: &'static str,
    /// Digits after the dialling code in a mobile number.
    pub national_len: usize,
    /// Whether numbers are written nationally with a leading `0` that is not part of the number.
    pub trunk_zero: bool,
}

const fn country(
    alpha2: &'static str,
    alpha3: &'static str,
    dial_code: &'static str,
    national_len: usize,
    trunk_zero: bool,
) -> Country {
    Country {
        alpha2,
        alpha3,
        dial_code,
        national_len,
        trunk_zero,
    }
}

impl Country {
    pub const CAMEROON: Country = country("CM", "CMR", "237", 9, false);
    pub const COTE_DIVOIRE: Country = country("CI", "CIV", "225", 10, false);
    pub const SENEGAL: Country = country("SN", "SEN", "221", 9, false);
    pub const BENIN: Country = country("BJ", "BEN", "229", 10, false);
    pub const BURKINA_FASO: Country = country("BF", "BFA", "226", 8, false);
    pub const TOGO: Country = country("TG", "TGO", "228", 8, false);
    pub const MALI: Country = country("ML", "MLI", "223", 8, false);
    pub const CONGO: Country = country("CG", "COG", "242", 9, false);
    pub const DR_CONGO: Country = country("CD", "COD", "243", 9, true);
    pub const GHANA: Country = country("GH", "GHA", "233", 9, true);
    pub const NIGERIA: Country = country("NG", "NGA", "234", 10, true);
    pub const KENYA: Country = country("KE", "KEN", "254", 9, true);
    pub const UGANDA: Country = country("UG", "UGA", "256", 9, true);
    pub const RWANDA: Country = country("RW", "RWA", "250", 9, true);
    pub const TANZANIA: Country = country("TZ", "TZA", "255", 9, true);
    pub const ZAMBIA: Country = country("ZM", "ZMB", "260", 9, true);
    pub const MALAWI: Country = country("MW", "MWI", "265", 9, true);
    pub const MOZAMBIQUE: Country = country("MZ", "MOZ", "258", 9, false);
    pub const SIERRA_LEONE: Country = country("SL", "SLE", "232", 8, true);

    pub const ALL: &'static [Country] = &[
        Country::CAMEROON,
        Country::COTE_DIVOIRE,
        Country::SENEGAL,
        Country::BENIN,
        Country::BURKINA_FASO,
        Country::TOGO,
        Country::MALI,
        Country::CONGO,
        Country::DR_CONGO,
        Country::GHANA,
        Country::NIGERIA,
        Country::KENYA,
        Country::UGANDA,
        Country::RWANDA,
        Country::TANZANIA,
        Country::ZAMBIA,
        Country::MALAWI,
        Country::MOZAMBIQUE,
        Country::SIERRA_LEONE,
    ];

    /// By ISO alpha-2 or alpha-3 code, any case.
    pub fn from_code(code: &str) -> Option<Country> {
        let code = code.trim().to_ascii_uppercase();
        Country::ALL
            .iter()
            .copied()
            .find(|c| c.alpha2 == code || c.alpha3 == code)
    }

    /// The country a currency implies, when only one does: XAF means Cameroon here (our market),
    /// XOF is shared by eight countries and implies none.
    pub fn for_currency(currency: &str) -> Option<Country> {
        Some(match currency {
            "XAF" => Country::CAMEROON,
            "UGX" => Country::UGANDA,
            "RWF" => Country::RWANDA,
            "GHS" => Country::GHANA,
            "KES" => Country::KENYA,
            "TZS" => Country::TANZANIA,
            "ZMW" => Country::ZAMBIA,
            "NGN" => Country::NIGERIA,
            "MWK" => Country::MALAWI,
            "MZN" => Country::MOZAMBIQUE,
            "SLE" => Country::SIERRA_LEONE,
            "CDF" => Country::DR_CONGO,
            _ => return None,
        })
    }

    /// The country whose dialling code starts these international digits.
    pub fn for_international(digits: &str) -> Option<Country> {
        Country::ALL
            .iter()
            .copied()
            .find(|c| digits.starts_with(c.dial_code))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MsisdnError {
    #[error("a phone number is required")]
    Empty,
    #[error("the phone number contains {0:?}")]
    InvalidCharacter(char),
    #[error("{digits} is not a {country} mobile number ({expected} digits after +{dial})")]
    WrongLength {
        digits: String,
        country: &'static str,
        dial: &'static str,
        expected: usize,
    },
    #[error("+{0}... is not a country this gateway serves")]
    UnsupportedCountry(String),
}

/// `input` as E.164 digits without `+`. National notations are read in `default_country`;
/// international ones (`+`, `00`, or already starting with a known dialling code at the right
/// length) may be of any country in [`Country::ALL`].
pub fn normalize(input: &str, default_country: Country) -> Result<String, MsisdnError> {
    let mut digits = String::with_capacity(input.len());
    let mut international = false;
    for ch in input.trim().chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            // `+237 ...` or `(+237) ...`: only before the first digit, once.
            '+' if digits.is_empty() && !international => international = true,
            ' ' | '-' | '.' | '(' | ')' | '/' => {}
            other => return Err(MsisdnError::InvalidCharacter(other)),
        }
    }
    if digits.is_empty() {
        return Err(MsisdnError::Empty);
    }
    if !international && let Some(rest) = digits.strip_prefix("00") {
        digits = rest.to_owned();
        international = true;
    }
    let c = default_country;
    if !international {
        if digits.len() == c.national_len && !(c.trunk_zero && digits.starts_with('0')) {
            return Ok(format!("{}{digits}", c.dial_code));
        }
        if c.trunk_zero
            && digits.len() == c.national_len + 1
            && let Some(national) = digits.strip_prefix('0')
        {
            return Ok(format!("{}{national}", c.dial_code));
        }
        if digits.starts_with(c.dial_code) && digits.len() == c.dial_code.len() + c.national_len {
            return Ok(digits);
        }
        // International digits typed without `+` (`256772123456`) for another served country.
        return match Country::for_international(&digits) {
            Some(other) if digits.len() == other.dial_code.len() + other.national_len => Ok(digits),
            _ => Err(wrong_length(digits, c)),
        };
    }
    let country = Country::for_international(&digits).ok_or_else(|| {
        MsisdnError::UnsupportedCountry(digits.chars().take(3).collect::<String>())
    })?;
    if digits.len() == country.dial_code.len() + country.national_len {
        Ok(digits)
    } else {
        Err(wrong_length(digits, country))
    }
}

fn wrong_length(digits: String, country: Country) -> MsisdnError {
    MsisdnError::WrongLength {
        digits,
        country: country.alpha2,
        dial: country.dial_code,
        expected: country.national_len,
    }
}

/// Masks a number for logs: `237670000000` becomes `2376*****000`.
pub fn mask(msisdn: &str) -> String {
    let chars: Vec<char> = msisdn.chars().collect();
    if chars.len() <= 7 {
        return "***".to_owned();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

/// A mobile-money network a payer or recipient uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    Mtn,
    Orange,
    Airtel,
    Moov,
    Wave,
    Mpesa,
    Vodafone,
    Free,
    Zamtel,
    Tigo,
}

impl Operator {
    /// Reads the names gateways and people use: `MTN`, `mtn`, `ORANGE`, `ORANGEMONEY`,
    /// `orange_money`, `MPESA`, `M-Pesa`, `SAFARICOM`, ...
    pub fn parse(name: &str) -> Option<Operator> {
        let key: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_uppercase();
        Some(match key.as_str() {
            "MTN" | "MTNMOMO" | "MTNMOBILEMONEY" => Operator::Mtn,
            "ORANGE" | "ORANGEMONEY" | "OM" => Operator::Orange,
            "AIRTEL" | "AIRTELMONEY" | "AIRTELTIGO" => Operator::Airtel,
            "MOOV" | "MOOVMONEY" | "FLOOZ" => Operator::Moov,
            "WAVE" => Operator::Wave,
            "MPESA" | "SAFARICOM" | "VODACOM" => Operator::Mpesa,
            "VODAFONE" | "TELECEL" => Operator::Vodafone,
            "FREE" | "FREEMONEY" => Operator::Free,
            "ZAMTEL" => Operator::Zamtel,
            "TIGO" | "TIGOPESA" => Operator::Tigo,
            _ => return None,
        })
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Operator::Mtn => "MTN",
            Operator::Orange => "Orange",
            Operator::Airtel => "Airtel",
            Operator::Moov => "Moov",
            Operator::Wave => "Wave",
            Operator::Mpesa => "M-Pesa",
            Operator::Vodafone => "Vodafone",
            Operator::Free => "Free",
            Operator::Zamtel => "Zamtel",
            Operator::Tigo => "Tigo",
        })
    }
}

#[cfg(test)]
mod tests;
