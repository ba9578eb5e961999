// The names of every schema migration, in a file of its own so that opening a database whose migrations are
// all applied (every start after the first) checks one table and loads none of the migration code.
// migrations.ts is typed by this list: a migration added there and not here (or the reverse) does not compile.
export const MIGRATION_NAMES = [
  '0001_gazette',
  '0002_cases',
  '0003_documents',
  '0004_units',
  '0005_parties',
  '0006_plans',
  '0007_security',
  '0008_plan_tasks',
  '0009_time',
  '0010_duties',
  '0011_definition_version',
  '0012_ratings',
  '0013_service_points',
  '0014_registrations',
  '0015_parameter_values',
  '0016_search_facets',
  '0019_document_relations',
  '0020_case_chains',
  '0021_search_store',
  '0022_relation_indexes',
] as const;

export type MigrationName = (typeof MIGRATION_NAMES)[number];
