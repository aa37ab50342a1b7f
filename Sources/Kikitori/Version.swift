import KikitoriCore
import KikitoriStore
public enum KikitoriVersion { public static let current = "0.1.0" }
