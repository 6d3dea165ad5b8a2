import PexDevServer

/// pexdev's version for `--version`; the value lives in `DevServer.version`, which the start banner prints.
public enum PexdevVersion {
    public static let current = DevServer.version
}
