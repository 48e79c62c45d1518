//! Small name lists for fictional graduates, and the area codes of their fictional phone numbers.

/// Given names (fictional people).
#[rustfmt::skip]
pub const GIVEN: &[&str] = &[
    "Aaliyah", "Andre", "Beatriz", "Brandon", "Camila", "Carlos", "Chloe", "Darius", "Destiny",
    "Elena", "Emmanuel", "Faith", "Gabriel", "Grace", "Hannah", "Isaiah", "Jasmine", "Jamal",
    "Keisha", "Kevin", "Laura", "Luis", "Maya", "Marcus", "Nadia", "Nathan", "Olivia", "Omar",
    "Priya", "Quentin", "Rosa", "Samuel", "Tanya", "Trevor", "Uma", "Victor", "Whitney", "Xavier",
    "Yolanda", "Zachary",
];

/// Family names.
#[rustfmt::skip]
pub const FAMILY: &[&str] = &[
    "Adams", "Alvarez", "Bennett", "Brooks", "Carter", "Chen", "Coleman", "Davis", "Dixon",
    "Edwards", "Flores", "Foster", "Garcia", "Greene", "Harris", "Hughes", "Jackson", "Jenkins",
    "Kim", "Lewis", "Lopez", "Mitchell", "Morgan", "Nguyen", "Owens", "Patel", "Perry", "Ramirez",
    "Reed", "Robinson", "Sanders", "Singh", "Tucker", "Turner", "Vasquez", "Walker", "Washington",
    "Webb", "Williams", "Young",
];

/// Telephone area codes by state (numbers use the fictional 555-01xx range).
pub const AREA_CODES: &[(&str, &str)] = &[
    ("GA", "706"),
    ("TN", "931"),
    ("NC", "336"),
    ("AL", "334"),
    ("SC", "843"),
];
