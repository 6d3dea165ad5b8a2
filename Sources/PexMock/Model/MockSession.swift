/// A token handed out by `request_token`: who holds it, where, and until when.
public struct MockSession: Sendable, Equatable {
    public var token: String
    public var conferenceIndex: Int
    public var participantUUID: String
    /// Seconds on the node's clock after which the token is refused.
    public var expiresAt: Double
}

/// A message for every event stream of one conference (or all but one participant's).
public struct MockEvent: Sendable, Equatable {
    public var conferenceIndex: Int
    public var name: String
    public var data: MockJSON
    /// Streams of this participant do not get it (a chat message is not echoed to its sender).
    public var except: String?
    /// Only streams of this participant get it (`disconnect` to the one being disconnected).
    public var only: String?

    public init(conferenceIndex: Int, name: String, data: MockJSON, except: String? = nil, only: String? = nil) {
        self.conferenceIndex = conferenceIndex
        self.name = name
        self.data = data
        self.except = except
        self.only = only
    }
}

/// A timeline entry: an action at a time relative to the conference's start.
public struct MockTimedAction: Sendable, Equatable {
    public var at: Double
    public var action: MockAction

    public init(at: Double, action: MockAction) {
        self.at = at
        self.action = action
    }
}
