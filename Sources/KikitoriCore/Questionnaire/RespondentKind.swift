/// Who is being heard; also the questionnaire's `audience`.
public enum RespondentKind: String, CaseIterable, Codable, Sendable {
    case privateFirm = "private_firm"
    case municipalityHead = "municipality_head"
    case municipalStaff = "municipal_staff"
    case other
}
