-- The hand-written equivalent of `performance(range, dimension: CHANNEL, attribution: FIRST_TOUCH)`
-- (dir=ASC) or `LAST_TOUCH` (dir=DESC) for PostgreSQL, as an analyst would write it: per channel,
-- leads created in the range and how many of them converted by its end, new customers (first
-- purchase in the range), conversions and revenue credited to the first (last) touch of the
-- 90-day lookback window (the lead's source when the window is empty), and spend.
--
-- psql "$URL" -v ws=1 -v from="'2025-11-28'" -v to="'2026-11-27'" -v dir=ASC -f single_touch_channel.sql
WITH converted AS (
  SELECT DISTINCT c.lead_id
  FROM conversion c
  WHERE c.workspace_id = :ws AND c.occurred_on <= :to
), leads AS (
  SELECT l.channel_id, COUNT(*) AS leads, COUNT(cv.lead_id) AS converted
  FROM lead l LEFT JOIN converted cv ON cv.lead_id = l.id
  WHERE l.workspace_id = :ws AND l.created_on BETWEEN :from AND :to
  GROUP BY l.channel_id
), first_purchase AS (
  SELECT c.lead_id
  FROM conversion c
  WHERE c.workspace_id = :ws AND c.kind = 'purchase' AND c.occurred_on <= :to
  GROUP BY c.lead_id
  HAVING MIN(c.occurred_on) >= :from
), customers AS (
  SELECT l.channel_id, COUNT(*) AS new_customers
  FROM first_purchase f JOIN lead l ON l.id = f.lead_id
  GROUP BY l.channel_id
), credited AS (
  SELECT COALESCE(ft.channel_id, l.channel_id) AS channel_id,
         COUNT(*) AS conversions, SUM(c.revenue_cents) AS revenue_cents
  FROM conversion c
  JOIN lead l ON l.id = c.lead_id
  LEFT JOIN LATERAL (
    SELECT t.channel_id FROM touchpoint t
    WHERE t.workspace_id = c.workspace_id AND t.lead_id = c.lead_id
      AND t.occurred_at <= c.occurred_at AND t.occurred_at >= c.occurred_at - INTERVAL '2160 hours'
    ORDER BY t.occurred_at :dir, t.id :dir
    LIMIT 1) ft ON TRUE
  WHERE c.workspace_id = :ws AND c.occurred_on BETWEEN :from AND :to
  GROUP BY 1
), spend AS (
  SELECT cm.channel_id, SUM(s.amount_cents) AS spend_cents
  FROM spend s JOIN campaign cm ON cm.id = s.campaign_id
  WHERE s.workspace_id = :ws AND s.date BETWEEN :from AND :to
  GROUP BY cm.channel_id
)
SELECT ch.id, COALESCE(leads.leads, 0), COALESCE(leads.converted, 0),
       COALESCE(customers.new_customers, 0), COALESCE(credited.conversions, 0),
       COALESCE(credited.revenue_cents, 0), COALESCE(spend.spend_cents, 0)
FROM channel ch
LEFT JOIN leads ON leads.channel_id = ch.id
LEFT JOIN customers ON customers.channel_id = ch.id
LEFT JOIN credited ON credited.channel_id = ch.id
LEFT JOIN spend ON spend.channel_id = ch.id
WHERE ch.workspace_id = :ws
  AND (leads.channel_id IS NOT NULL OR customers.channel_id IS NOT NULL
       OR credited.channel_id IS NOT NULL OR spend.channel_id IS NOT NULL)
ORDER BY ch.id;
