//! Countries offered when creating an organization (ISO 3166-1 alpha-2) and currency names.

use common::{Currency, Lang};

use super::Tr;

/// African countries first, then the diaspora's usual homes.
pub const COUNTRIES: [(&str, Tr); 26] = [
    ("CM", Tr("Cameroon", "Cameroun")),
    ("CI", Tr("Côte d'Ivoire", "Côte d'Ivoire")),
    ("SN", Tr("Senegal", "Sénégal")),
    ("NG", Tr("Nigeria", "Nigeria")),
    ("GH", Tr("Ghana", "Ghana")),
    ("KE", Tr("Kenya", "Kenya")),
    ("UG", Tr("Uganda", "Ouganda")),
    ("RW", Tr("Rwanda", "Rwanda")),
    ("TZ", Tr("Tanzania", "Tanzanie")),
    ("ZA", Tr("South Africa", "Afrique du Sud")),
    ("BJ", Tr("Benin", "Bénin")),
    ("TG", Tr("Togo", "Togo")),
    ("BF", Tr("Burkina Faso", "Burkina Faso")),
    ("ML", Tr("Mali", "Mali")),
    ("NE", Tr("Niger", "Niger")),
    ("GA", Tr("Gabon", "Gabon")),
    ("CG", Tr("Republic of the Congo", "République du Congo")),
    ("CD", Tr("DR Congo", "RD Congo")),
    ("TD", Tr("Chad", "Tchad")),
    (
        "CF",
        Tr("Central African Republic", "République centrafricaine"),
    ),
    ("GQ", Tr("Equatorial Guinea", "Guinée équatoriale")),
    ("FR", Tr("France", "France")),
    ("BE", Tr("Belgium", "Belgique")),
    ("CA", Tr("Canada", "Canada")),
    ("US", Tr("United States", "États-Unis")),
    ("GB", Tr("United Kingdom", "Royaume-Uni")),
];

/// A country's name, or its code when it is not in the list.
pub fn country_name(code: &str, lang: Lang) -> String {
    COUNTRIES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| name.get(lang).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// `XAF – Central African CFA franc`.
pub fn currency_label(currency: Currency, lang: Lang) -> String {
    let name = match currency {
        Currency::XAF => Tr("Central African CFA franc", "Franc CFA (BEAC)"),
        Currency::XOF => Tr("West African CFA franc", "Franc CFA (BCEAO)"),
        Currency::NGN => Tr("Nigerian naira", "Naira nigérian"),
        Currency::GHS => Tr("Ghanaian cedi", "Cedi ghanéen"),
        Currency::KES => Tr("Kenyan shilling", "Shilling kényan"),
        Currency::UGX => Tr("Ugandan shilling", "Shilling ougandais"),
        Currency::RWF => Tr("Rwandan franc", "Franc rwandais"),
        Currency::TZS => Tr("Tanzanian shilling", "Shilling tanzanien"),
        Currency::ZAR => Tr("South African rand", "Rand sud-africain"),
        Currency::USD => Tr("US dollar", "Dollar américain"),
        Currency::EUR => Tr("Euro", "Euro"),
        Currency::GBP => Tr("Pound sterling", "Livre sterling"),
    };
    format!("{} – {}", currency.code(), name.get(lang))
}

/// The currency usually chosen in a country, to preselect it.
pub fn default_currency(country: &str) -> Option<Currency> {
    Some(match country {
        "CM" | "GA" | "CG" | "TD" | "CF" | "GQ" => Currency::XAF,
        "CI" | "SN" | "BJ" | "TG" | "BF" | "ML" | "NE" => Currency::XOF,
        "NG" => Currency::NGN,
        "GH" => Currency::GHS,
        "KE" => Currency::KES,
        "UG" => Currency::UGX,
        "RW" => Currency::RWF,
        "TZ" => Currency::TZS,
        "ZA" => Currency::ZAR,
        "FR" | "BE" => Currency::EUR,
        "US" | "CA" => Currency::USD,
        "GB" => Currency::GBP,
        _ => return None,
    })
}
