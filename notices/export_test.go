package notices

// ReportPage lets a test read a report in pages of a few deliveries.
var ReportPage = &reportPage
