/// The dashboard's icon (`GET /dashboard/icon.svg`), so the browser does not ask for a
/// `/favicon.ico` that would answer 404.
enum DashboardIcon {
    static let svg = #"""
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2457c5"/><path d="M7 11h6l6 10h6M7 21h6l6-10h6" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/></svg>
"""#
}
