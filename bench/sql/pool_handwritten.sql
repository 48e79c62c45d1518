-- The best SQL I would write by hand for the benchmarked pool request, on the same indexes:
-- required Epic, a clinical background, in Georgia or open to relocation; preferred CHTS-IS and
-- CHTS-CP (weight 2), FHIR and SQL, Region 1, rural, available by 2026-06-01 (weight 1 each).
-- Each named item is a unit (README, "How candidates are ranked"): 2×2 + 2 + 1 + 1 + 1 = 9; ties
-- by the named items held (Epic, FHIR, SQL, CHTS-IS, CHTS-CP), years, graduation, id. A list item
-- is found in the graduate's tags text with strpos.
WITH y AS (
  SELECT id FROM employer_partner WHERE slug = 'magnolia-regional-medical-center'
), tags AS (
  SELECT (SELECT ',' || tag || ',' FROM skill WHERE slug = 'epic') AS epic,
         (SELECT ',' || tag || ',' FROM skill WHERE slug = 'fhir') AS fhir,
         (SELECT ',' || tag || ',' FROM skill WHERE slug = 'sql') AS sql,
         (SELECT ',' || tag || ',' FROM certification WHERE code = 'CHTS-IS') AS chts_is,
         (SELECT ',' || tag || ',' FROM certification WHERE code = 'CHTS-CP') AS chts_cp
), hand_rank AS (
  SELECT g.id,
         (2.0 / 9)::float8 * ((strpos(g.certification_tags, b.chts_is) > 0)::int + (strpos(g.certification_tags, b.chts_cp) > 0)::int)
       + (1.0 / 9)::float8 * ((strpos(g.skill_tags, b.fhir) > 0)::int + (strpos(g.skill_tags, b.sql) > 0)::int)
       + (1.0 / 9)::float8 * (g.region = 'Region 1')::int
       + (1.0 / 9)::float8 * g.open_to_rural::int
       + (1.0 / 9)::float8 * (g.available_from IS NULL OR g.available_from <= DATE '2026-06-01')::int AS score,
         (strpos(g.skill_tags, b.epic) > 0)::int + (strpos(g.skill_tags, b.fhir) > 0)::int + (strpos(g.skill_tags, b.sql) > 0)::int
       + (strpos(g.certification_tags, b.chts_is) > 0)::int + (strpos(g.certification_tags, b.chts_cp) > 0)::int AS held,
         g.years_experience AS years,
         g.graduation_year * 10000 + CASE g.graduation_term WHEN 'spring' THEN 515 WHEN 'summer' THEN 815 ELSE 1215 END AS graduated,
         count(*) OVER () AS total
  FROM graduate g, tags b
  WHERE g.consent <> 'private' AND g.status <> 'archived' AND g.status = 'seeking'
    AND g.institution_id = ANY (ARRAY(
          SELECT p.institution_id FROM partnership p JOIN institution i ON i.id = p.institution_id
          WHERE p.employer_id = (SELECT id FROM y) AND p.status = 'active' AND i.status = 'active'))
    AND strpos(g.skill_tags, b.epic) > 0
    AND g.background IN ('clinical', 'clinical_and_it')
    AND (g.state = 'GA' OR g.open_to_relocation)
  ORDER BY score DESC, held DESC, years DESC, graduated DESC, g.id
  LIMIT 21
)
SELECT g.*, h.score, h.total FROM hand_rank h JOIN graduate g ON g.id = h.id
ORDER BY h.score DESC, h.held DESC, h.years DESC, h.graduated DESC, h.id;
