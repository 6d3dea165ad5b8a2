/// The MS-DOS date and time every ZIP entry carries (2-second resolution, years 1980–2107, no time zone).
/// The writer uses one fixed value for every entry, so the same tree gives the same bytes.
public struct DOSTimestamp: Sendable, Equatable {
    public var date: UInt16
    public var time: UInt16

    /// 1980-01-01 00:00:00, the earliest a ZIP can say.
    public static let epoch = DOSTimestamp(date: 0x21, time: 0)

    public init(date: UInt16, time: UInt16) {
        self.date = date
        self.time = time
    }

    /// The UTC wall-clock time of a Unix time in milliseconds (a brandingID is one), clamped to the range a
    /// ZIP can hold.
    public init(unixMilliseconds: Int64) {
        let seconds = unixMilliseconds / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = Self.civil(fromDays: days)
        if year < 1980 {
            self = .epoch
            return
        }
        if year > 2107 {
            // 2107-12-31 23:59:58
            self = DOSTimestamp(date: UInt16(127 << 9 | 12 << 5 | 31), time: UInt16(23 << 11 | 59 << 5 | 29))
            return
        }
        let hour = secondOfDay / 3600
        let minute = secondOfDay / 60 % 60
        let second = secondOfDay % 60
        date = UInt16((Int(year) - 1980) << 9 | month << 5 | day)
        time = UInt16(hour << 11 | minute << 5 | second / 2)
    }

    /// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's days_from_civil, inverted):
    /// pure arithmetic, no calendar or time-zone database.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
