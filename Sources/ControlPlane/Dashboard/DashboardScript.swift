/// The dashboard's script (`GET /dashboard/app.js`): plain JavaScript with no build step and
/// no library, in three parts (charts, views, main) served as one file in that order, each
/// part using only what the parts before it define.
enum DashboardScript {
    static let source = [charts, views, main].joined(separator: "\n")
}
