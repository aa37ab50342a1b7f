/// A respondent's detail that can be corrected after registration (a misspelt name, a new role);
/// each correction is logged with the previous value.
public enum RespondentField: String, CaseIterable, Sendable {
    case organisation
    case personName = "person_name"
    case personRole = "person_role"
    case industry
    case municipality
    case region
}
