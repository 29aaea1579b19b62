//! Made-up people and companies for demo leads. Emails use the reserved `.example` TLD,
//! so no demo address can ever reach a real inbox.

use rand::Rng;

const FIRST: &[&str] = &[
    "Ada", "Ben", "Chloé", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kenji",
    "Lena", "Mateo", "Nora", "Oskar", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Ugo", "Vera",
    "Wei", "Ximena", "Yusuf", "Zoé", "Amara", "Bruno", "Camille", "Dmitri", "Emma", "Finn",
    "Giulia", "Hannah", "Ivan", "Julia", "Karim", "Lucía", "Maya", "Noah",
];
const LAST: &[&str] = &[
    "Andersen",
    "Bauer",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Hansen",
    "Ito",
    "Jansen",
    "Kowalski",
    "Lambert",
    "Müller",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Usman",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zimmermann",
    "Novak",
    "Silva",
    "Moreau",
    "Larsen",
];
const COMPANY_STEM: &[&str] = &[
    "Northwind",
    "Bluebird",
    "Acorn",
    "Brightline",
    "Cobalt",
    "Driftwood",
    "Evergreen",
    "Foxglove",
    "Granite",
    "Harbor",
    "Ironleaf",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Orchard",
    "Pinecone",
    "Quartz",
    "Redwood",
    "Summit",
    "Tidal",
    "Umbra",
    "Vantage",
    "Willow",
    "Yonder",
    "Zephyr",
    "Atlas",
    "Beacon",
    "Copperleaf",
];
const COMPANY_SUFFIX: &[&str] = &[
    "Labs",
    "Analytics",
    "Software",
    "Health",
    "Logistics",
    "Media",
    "Capital",
    "Systems",
    "Retail",
    "Energy",
    "Robotics",
    "Studio",
];

/// A lead's display name, email and company (`None` for people who gave none).
pub(super) struct Person {
    pub name: String,
    pub email: String,
    pub company: Option<String>,
}

fn pick<R: Rng>(rng: &mut R, items: &[&'static str]) -> &'static str {
    items[rng.random_range(0..items.len())]
}

/// Lower-case ASCII for an email local part or domain label.
fn ascii_slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'é' | 'è' => Some('e'),
            'í' => Some('i'),
            'ü' => Some('u'),
            ' ' => Some('-'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// A new person.
pub(super) fn person<R: Rng>(rng: &mut R) -> Person {
    let first = pick(rng, FIRST);
    let last = pick(rng, LAST);
    let local = format!("{}.{}", ascii_slug(first), ascii_slug(last));
    let (email, company) = if rng.random_bool(0.88) {
        let company = format!("{} {}", pick(rng, COMPANY_STEM), pick(rng, COMPANY_SUFFIX));
        let email = format!("{local}@{}.example", ascii_slug(&company));
        (email, Some(company))
    } else {
        (
            format!("{local}{}@mail.example", rng.random_range(1..100)),
            None,
        )
    };
    Person {
        name: format!("{first} {last}"),
        email,
        company,
    }
}
