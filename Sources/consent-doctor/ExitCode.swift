/// Exit statuses, following the BSD `sysexits.h` values where one fits.
enum ExitCode {
    /// explain: at least one error diagnosed. check and fix: the tenant is healthy.
    static let success: Int32 = 0
    /// explain: no recognisable error. check and fix: problems found or the check is incomplete.
    static let problemsFound: Int32 = 1
    /// EX_USAGE: invalid arguments.
    static let usage: Int32 = 64
    /// EX_DATAERR: the input was read but is not in a form the command accepts.
    static let dataError: Int32 = 65
    /// EX_NOINPUT: the input file cannot be read.
    static let noInput: Int32 = 66
    /// EX_UNAVAILABLE: Graph or the sign-in service could not be reached.
    static let unavailable: Int32 = 69
    /// EX_SOFTWARE: an internal error.
    static let software: Int32 = 70
    /// EX_CANTCREAT: the output file cannot be written.
    static let cannotCreate: Int32 = 73
    /// EX_NOPERM: Graph denied the request (401 or 403).
    static let permissionDenied: Int32 = 77
}
