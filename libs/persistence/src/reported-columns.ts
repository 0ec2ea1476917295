/**
 * A report's fields as every table that holds one names them (the centre's
 * milestone_update, a node's outbox and local_milestone), selected under
 * ReportedState's names.
 */
export const REPORTED_COLUMNS = [
  'status',
  'percent_complete as percentComplete',
  'forecast_due as forecastDue',
  'completed_on as completedOn',
  'blocker',
  'note',
] as const;
