//! Human-facing codes in Crockford base32: ticket codes (`7KQ2-M9XD-04RT-BZ1H`, 80 random bits)
//! and order references (`RK-3F8Q1ZKD`, 40 bits). The alphabet has no I, L, O or U, so a code read
//! aloud or typed from paper survives the usual confusions (O for 0, I or L for 1).

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TICKET_CHARS: usize = 16;
const GROUP: usize = 4;

/// A ticket code from 10 random bytes: 16 characters in four dash-separated groups.
pub fn ticket_code(random: [u8; 10]) -> String {
    group(&encode(&random))
}

/// The 10 bytes behind a ticket code, grouped or not; typos are tolerated as in
/// [`normalize_ticket_code`].
pub fn ticket_code_bytes(code: &str) -> Option<[u8; 10]> {
    let compact: Vec<u8> = normalize_ticket_code(code)?
        .bytes()
        .filter(|&b| b != b'-')
        .collect();
    let mut bytes = [0u8; 10];
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    let mut out = 0;
    for c in compact {
        acc = (acc << 5) | u32::from(value(c)?);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            *bytes.get_mut(out)? = (acc >> bits) as u8;
            out += 1;
        }
        acc &= (1 << bits) - 1;
    }
    Some(bytes)
}

/// What a person typed, made canonical: surrounding space trimmed, upper case, spaces and dashes
/// dropped, O read as 0 and I or L as 1, then regrouped. `None` unless exactly 16 valid characters
/// remain (U is never valid: Crockford leaves it out).
pub fn normalize_ticket_code(input: &str) -> Option<String> {
    let mut compact = String::with_capacity(TICKET_CHARS);
    for c in input.trim().chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || value(c as u8).is_none() {
            return None;
        }
        compact.push(c);
    }
    (compact.len() == TICKET_CHARS).then(|| group(&compact))
}

/// An order reference from 5 random bytes: `RK-` and 8 characters.
pub fn order_reference(random: [u8; 5]) -> String {
    format!("RK-{}", encode(&random))
}

/// Big-endian base32 of whole 5-byte blocks (40 bits = 8 characters), so there is no padding.
fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5);
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
        }
        acc &= (1 << bits) - 1;
    }
    out
}

fn value(c: u8) -> Option<u8> {
    ALPHABET.iter().position(|&a| a == c).map(|i| i as u8)
}

fn group(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + compact.len() / GROUP);
    for (i, c) in compact.chars().enumerate() {
        if i > 0 && i % GROUP == 0 {
            out.push('-');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_bytes_give_known_codes() {
        assert_eq!(ticket_code([0; 10]), "0000-0000-0000-0000");
        assert_eq!(ticket_code([0xff; 10]), "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
        // 0x08 0x42 ... is the bit pattern 00001 00001 00001 ...
        assert_eq!(
            ticket_code([0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21]),
            "1111-1111-1111-1111"
        );
        assert_eq!(order_reference([0; 5]), "RK-00000000");
        assert_eq!(order_reference([0xff; 5]), "RK-ZZZZZZZZ");
    }

    #[test]
    fn typos_people_make_are_forgiven() {
        let expected = Some("0123-4567-89AB-CDEF".to_owned());
        assert_eq!(normalize_ticket_code("  o123 4567 89ab cdef "), expected);
        assert_eq!(normalize_ticket_code("0i23-4567-89AB-CDEF"), expected);
        assert_eq!(normalize_ticket_code("0L23456789abcdef"), expected);
        assert_eq!(normalize_ticket_code("0123--4567 89AB-CDEF"), expected);
    }

    #[test]
    fn wrong_lengths_and_foreign_characters_are_refused() {
        assert_eq!(normalize_ticket_code("0123-4567-89AB-CDE"), None);
        assert_eq!(normalize_ticket_code("0123-4567-89AB-CDEF0"), None);
        assert_eq!(normalize_ticket_code("0123-4567-89AB-CDEU"), None);
        assert_eq!(normalize_ticket_code("0123-4567-89AB-CDÉF"), None);
        assert_eq!(normalize_ticket_code("0123_4567_89AB_CDEF"), None);
        assert_eq!(normalize_ticket_code(""), None);
        assert_eq!(ticket_code_bytes("not a code"), None);
    }

    proptest! {
        #[test]
        fn a_ticket_code_decodes_back_to_its_bytes(random in any::<[u8; 10]>()) {
            let code = ticket_code(random);
            prop_assert_eq!(code.len(), 19);
            prop_assert_eq!(normalize_ticket_code(&code), Some(code.clone()));
            prop_assert_eq!(ticket_code_bytes(&code), Some(random));
            prop_assert_eq!(ticket_code_bytes(&code.replace('-', "").to_lowercase()), Some(random));
        }

        #[test]
        fn an_order_reference_has_eight_crockford_characters(random in any::<[u8; 5]>()) {
            let reference = order_reference(random);
            let Some(body) = reference.strip_prefix("RK-") else {
                panic!("{reference} lacks its prefix");
            };
            prop_assert_eq!(body.len(), 8);
            prop_assert!(body.bytes().all(|b| ALPHABET.contains(&b)));
        }
    }
}
