/// The Switchboard release this build is: reported by `GET /v1/health` and `--version`.
public enum SwitchboardVersion {
    public static let current = "0.1.0"
}
