-- The candidate-pool scale data: the demo consortium grown to :schools schools and :graduates
-- graduates with realistic mixes (Epic the most common EHR system, a quarter PRIVATE, a tenth
-- placed), and the demo employer magnolia-regional-medical-center approved by :approving of the
-- schools. Run with psql -v schools=20 -v graduates=100000 -v approving=12 (the 100k set) or
-- -v schools=100 -v graduates=1000000 -v approving=12 (the 1M set).
-- Deterministic: every id and value derives from the row number.

-- More schools, each a copy of a demo school (there are 7) with its programs.
INSERT INTO institution
SELECT (jsonb_populate_record(NULL::institution, to_jsonb(i) || jsonb_build_object(
          'id', md5('school-' || i.slug || '-' || n)::uuid,
          'slug', i.slug || '-campus-' || n,
          'name', i.name || ' Campus ' || n))).*
FROM institution i, generate_series(1, 20) n
ORDER BY n, i.slug
LIMIT :schools - 7;

INSERT INTO program
SELECT (jsonb_populate_record(NULL::program, to_jsonb(p) || jsonb_build_object(
          'id', md5('program-' || p.slug || '-' || c.id)::uuid,
          'slug', p.slug || '-' || left(md5(c.id::text), 8),
          'institution_id', c.id))).*
FROM institution c
JOIN institution o ON c.slug LIKE o.slug || '-campus-%'
JOIN program p ON p.institution_id = o.id;

INSERT INTO program_hit_role
SELECT md5('program-' || p.slug || '-' || c.id)::uuid, r.hit_role
FROM institution c
JOIN institution o ON c.slug LIKE o.slug || '-campus-%'
JOIN program p ON p.institution_id = o.id
JOIN program_hit_role r ON r.program_id = p.id;

-- The graduates, spread evenly over the schools.
WITH schools AS (
  SELECT id, (row_number() OVER (ORDER BY slug) - 1)::int AS k FROM institution
), programs AS (
  SELECT id, institution_id,
         (row_number() OVER (PARTITION BY institution_id ORDER BY slug) - 1)::int AS k,
         count(*) OVER (PARTITION BY institution_id)::int AS c
  FROM program WHERE status <> 'draft'
)
INSERT INTO graduate (id, institution_id, program_id, given_name, family_name, email, phone,
  graduation_year, graduation_term, background, prior_industry, years_experience, city, state,
  region, open_to_rural, open_to_relocation, seeking_internship, seeking_full_time,
  seeking_part_time, available_from, consent, consent_updated_at, status, headline,
  portfolio_links, created_at, updated_at, version)
SELECT md5('scale-graduate-' || n)::uuid, s.id, p.id, 'Given' || n, 'Family' || n,
  'scale' || n || '@mail.example', '(404) 555-' || lpad((n % 10000)::text, 4, '0'),
  2022 + n % 5, (ARRAY['spring', 'summer', 'fall'])[1 + n % 3],
  (ARRAY['clinical', 'it', 'clinical_and_it', 'career_changer', 'new_graduate',
         'career_changer', 'clinical', 'new_graduate'])[1 + (n * 7) % 8],
  (ARRAY['Retail', 'Hospitality', NULL, 'Nursing (RN)', 'IT services'])[1 + n % 5],
  (n * 13) % 12, 'City ' || (n % 50),
  (ARRAY['GA', 'GA', 'GA', 'AL', 'SC', 'TN', 'FL', 'NC'])[1 + (n * 3) % 8],
  'Region ' || (n % 6), n % 3 = 0, n % 4 = 0, n % 2 = 0, n % 5 <> 0, n % 7 = 0,
  DATE '2026-01-01' + (n % 400),
  (ARRAY['private', 'anonymous', 'profile', 'contact'])[1 + (n * 11) % 4], now(),
  CASE WHEN n % 10 = 0 THEN 'placed' ELSE 'seeking' END, NULL, '[]'::json, now(), now(), 1
FROM generate_series(1, :graduates) n
JOIN schools s ON s.k = n % :schools
JOIN programs p ON p.institution_id = s.id AND p.k = (n / :schools) % p.c;

-- Four skills each (from the non-EHR vocabulary), one or two EHR systems (Epic the most common).
WITH skills AS (
  SELECT array_agg(id ORDER BY slug) AS ids FROM skill WHERE kind <> 'ehr_system'
), ehr AS (
  SELECT ARRAY[e, e, e, e, o, o, m, m, a, c] AS ids FROM
    (SELECT (SELECT id FROM skill WHERE slug = 'epic') e, (SELECT id FROM skill WHERE slug = 'oracle-health') o,
            (SELECT id FROM skill WHERE slug = 'meditech') m, (SELECT id FROM skill WHERE slug = 'athenahealth') a,
            (SELECT id FROM skill WHERE slug = 'eclinicalworks') c) x
), grads AS (
  SELECT md5('scale-graduate-' || n)::uuid AS id, n FROM generate_series(1, :graduates) n
)
INSERT INTO graduate_skill (graduate_id, skill_id)
SELECT DISTINCT g.id, pick.skill_id
FROM grads g, skills s, ehr e,
LATERAL (VALUES
  (s.ids[1 + (g.n * 3) % array_length(s.ids, 1)]),
  (s.ids[1 + (g.n * 7 + 1) % array_length(s.ids, 1)]),
  (s.ids[1 + (g.n * 11 + 2) % array_length(s.ids, 1)]),
  (s.ids[1 + (g.n * 17 + 5) % array_length(s.ids, 1)]),
  (e.ids[1 + g.n % 10]),
  (CASE WHEN g.n % 3 = 0 THEN e.ids[1 + (g.n * 7) % 10] END)
) AS pick(skill_id)
WHERE pick.skill_id IS NOT NULL;

-- About a third hold one or two certifications.
WITH certs AS (SELECT array_agg(id ORDER BY code) AS ids FROM certification),
grads AS (SELECT md5('scale-graduate-' || n)::uuid AS id, n FROM generate_series(1, :graduates) n)
INSERT INTO graduate_certification (graduate_id, certification_id, earned_on)
SELECT DISTINCT ON (g.id, pick.cert) g.id, pick.cert, DATE '2025-06-01'
FROM grads g, certs c,
LATERAL (VALUES
  (CASE WHEN g.n % 3 = 0 THEN c.ids[1 + (g.n / 3) % array_length(c.ids, 1)] END),
  (CASE WHEN g.n % 9 = 0 THEN c.ids[1 + (g.n / 9 + 4) % array_length(c.ids, 1)] END)
) AS pick(cert)
WHERE pick.cert IS NOT NULL;

-- The employer measured is approved by :approving of the schools.
WITH y AS (SELECT id FROM employer_partner WHERE slug = 'magnolia-regional-medical-center'),
twelve AS (SELECT id FROM institution ORDER BY slug LIMIT :approving)
INSERT INTO partnership (id, institution_id, employer_id, status, created_at, updated_at, version)
SELECT md5('scale-partnership-' || t.id)::uuid, t.id, y.id, 'active', now(), now(), 1
FROM twelve t, y
ON CONFLICT (institution_id, employer_id) DO UPDATE SET status = 'active';

-- The graduates' skill and certification tags, from the rows above (as the server keeps them),
-- aggregated once per list rather than per graduate.
UPDATE graduate SET skill_tags = ',', certification_tags = ',';
UPDATE graduate g SET skill_tags = t.tags
FROM (SELECT gs.graduate_id, ',' || string_agg(CAST(s.tag AS TEXT), ',') || ',' AS tags
      FROM graduate_skill gs JOIN skill s ON s.id = gs.skill_id GROUP BY gs.graduate_id) t
WHERE t.graduate_id = g.id;
UPDATE graduate g SET certification_tags = t.tags
FROM (SELECT gc.graduate_id, ',' || string_agg(CAST(c.tag AS TEXT), ',') || ',' AS tags
      FROM graduate_certification gc JOIN certification c ON c.id = gc.certification_id
      GROUP BY gc.graduate_id) t
WHERE t.graduate_id = g.id;

VACUUM FULL ANALYZE graduate;
VACUUM ANALYZE;
