using Scrs.Matching.Domain;

namespace Scrs.Matching.Samples;

/// <summary>
/// The tables behind the sample corps: partner agencies, skill areas, languages, clearances, availability gaps and theatres.
/// <c>docs/sample-corps.md</c> gives the public facts each table follows.
/// </summary>
internal static class CorpsFacts
{
    /// <summary>A partner agency with its share of the active and standby components and the skill areas it is strong in.</summary>
    internal sealed record Agency(string Name, double ActiveWeight, double StandbyWeight, int[] FocusSkills);

    /// <summary>A language other than English with the share of members who speak it.</summary>
    internal sealed record Language(string Name, double Rate);

    /// <summary>A kind of unavailability with its length range in days and the components it applies to.</summary>
    internal sealed record GapKind(string Name, int MinDays, int MaxDays, Component[] Components);

    /// <summary>A fictional theatre of operations: its languages (most spoken first) and the skill areas it needs most.</summary>
    internal sealed record Theatre(string Name, string Slug, string[] Languages, int[] FocusSkills, bool HighThreat = false);

    internal const int RuleOfLaw = 0, SecuritySector = 1, Governance = 2, EconomicStabilization = 3, Infrastructure = 4,
        PublicHealth = 5, Agriculture = 6, Elections = 7, Logistics = 8, Management = 9;

    /// <summary>Skill names as they appear in the exchange format, indexed by the constants above.</summary>
    internal static readonly string[] Skills =
    [
        "rule-of-law", "security-sector", "governance", "economic-stabilization", "infrastructure",
        "public-health", "agriculture", "elections", "logistics", "management",
    ];

    /// <summary>Skill titles for position titles, indexed like <see cref="Skills"/>.</summary>
    internal static readonly string[] SkillTitles =
    [
        "Rule of Law", "Security Sector", "Governance", "Economic Stabilization", "Infrastructure",
        "Public Health", "Agriculture", "Elections", "Logistics", "Management",
    ];

    /// <summary>How common each skill is among members before agency focus, indexed like <see cref="Skills"/>.</summary>
    internal static readonly double[] SkillBaseWeights = [12, 9, 14, 10, 10, 10, 7, 6, 12, 10];

    /// <summary>Weight multiplier of a skill an agency (or a theatre) focuses on.</summary>
    internal const double FocusMultiplier = 5;

    /// <summary>The eight partner agencies, with the weights of the active and standby components.</summary>
    internal static readonly Agency[] Agencies =
    [
        new("State", 45, 22, [Governance, RuleOfLaw, Elections, Management]),
        new("USAID", 40, 22, [Governance, PublicHealth, Elections, Agriculture]),
        new("Agriculture", 2, 8, [Agriculture]),
        new("Commerce", 2, 6, [EconomicStabilization]),
        new("HHS", 2, 8, [PublicHealth]),
        new("Homeland Security", 2, 10, [SecuritySector, Infrastructure]),
        new("Justice", 5, 18, [RuleOfLaw, SecuritySector]),
        new("Treasury", 2, 6, [EconomicStabilization]),
    ];

    /// <summary>Focus of the reserve: police, judges, engineers, public-health officers and administrators of state and local government.</summary>
    internal static readonly int[] ReserveFocusSkills = [RuleOfLaw, Infrastructure, PublicHealth, Governance];

    /// <summary>Focus of contractors: logistics, engineering, security and economic experts hired for a mission.</summary>
    internal static readonly int[] ContractorFocusSkills = [Logistics, Infrastructure, SecuritySector, EconomicStabilization];

    /// <summary>Every member speaks English; these are the other languages, with the share of members who speak each.</summary>
    internal static readonly Language[] Languages =
    [
        new("Spanish", 0.15), new("French", 0.12), new("Arabic", 0.07), new("Russian", 0.05), new("Portuguese", 0.05),
        new("Swahili", 0.03), new("Urdu", 0.03), new("Dari", 0.025), new("Pashto", 0.02), new("Haitian Creole", 0.02),
    ];

    /// <summary>Foreign-service agencies, whose members are this many times more likely to speak each language.</summary>
    internal const double ForeignServiceLanguageFactor = 2;

    /// <summary>Clearance weights (none, confidential, secret, top secret) per component.</summary>
    internal static double[] ClearanceWeights(Component component) => component switch
    {
        Component.Active => [0, 5, 70, 25],
        Component.Standby => [5, 10, 75, 10],
        Component.Reserve => [55, 30, 15, 0],
        _ => [30, 20, 40, 10],
    };

    /// <summary>Skill level weights (levels 1 to 5) per component: skewed toward 2-4, contractors being hired specialists.</summary>
    internal static double[] LevelWeights(Component component) => component switch
    {
        Component.Active => [5, 20, 35, 30, 10],
        Component.Standby => [10, 25, 35, 22, 8],
        Component.Reserve => [12, 28, 35, 18, 7],
        _ => [0, 15, 35, 35, 15],
    };

    /// <summary>Weights of having 1, 2 or 3 skills.</summary>
    internal static readonly double[] SkillCountWeights = [40, 40, 20];

    /// <summary>Weights of having 0, 1 or 2 unavailable ranges.</summary>
    internal static readonly double[] GapCountWeights = [60, 30, 10];

    /// <summary>Share of each component with no deployment in the last 365 days.</summary>
    internal static double NeverDeployedShare(Component component) => component switch
    {
        Component.Active => 0.30,
        Component.Standby => 0.60,
        Component.Reserve => 0.85,
        _ => 0.40,
    };

    /// <summary>Why a member can be unavailable, and for how long.</summary>
    internal static readonly GapKind[] GapKinds =
    [
        new("training", 7, 21, [Component.Active, Component.Standby, Component.Reserve, Component.Contractor]),
        new("family leave", 28, 84, [Component.Active, Component.Standby, Component.Reserve, Component.Contractor]),
        new("home-agency duty", 14, 56, [Component.Active, Component.Standby]),
        new("civilian job", 14, 90, [Component.Reserve]),
        new("other contract", 30, 120, [Component.Contractor]),
    ];

    /// <summary>Contractor daily rates: 1,000 to 1,500 in steps of 100.</summary>
    internal const int ContractorRateMin = 1000, ContractorRateStep = 100, ContractorRateSteps = 5;

    /// <summary>Fictional theatres; operations take them in order (the demo's three are the first three).</summary>
    internal static readonly Theatre[] Theatres =
    [
        new("Marenia", "marenia", ["French"], [Governance, Elections]),
        new("Qaltara", "qaltara", ["Arabic"], [SecuritySector, RuleOfLaw], HighThreat: true),
        new("Tazrakhan", "tazrakhan", ["Dari", "Pashto"], [Agriculture, Governance]),
        new("Costa Serrana", "costa-serrana", ["Spanish"], [RuleOfLaw, EconomicStabilization]),
        new("Kalemba", "kalemba", ["Swahili", "French"], [PublicHealth, Agriculture]),
        new("Port-Sauveur", "port-sauveur", ["Haitian Creole", "French"], [Infrastructure, PublicHealth]),
        new("Dravinia", "dravinia", ["Russian"], [EconomicStabilization, Elections]),
        new("Lusambe", "lusambe", ["Portuguese"], [Infrastructure, Logistics]),
        new("Khorvan", "khorvan", ["Urdu", "Pashto"], [SecuritySector, Infrastructure], HighThreat: true),
        new("Wadi Sahra", "wadi-sahra", ["Arabic", "French"], [Governance, PublicHealth]),
    ];

    /// <summary>
    /// The Foreign Affairs Counter Threat course, required before a tour at a high-threat post; valid five years. Medical
    /// clearance, renewed yearly.
    /// </summary>
    internal const string Fact = "FACT", Medical = "medical";

    /// <summary>Share of each component (active, standby, reserve, contractor) holding FACT, and holding medical clearance.</summary>
    internal static readonly double[] FactHeld = [0.80, 0.50, 0.30, 0.60], MedicalHeld = [0.90, 0.85, 0.80, 0.85];

    /// <summary>FACT: valid 1,825 days, 3,200 a seat, sessions of 5 days for 16 people. Medical: 365 days, 450 a seat, 2 days for 20.</summary>
    internal const int FactValidDays = 1825, FactSessionDays = 5, FactSeats = 16, MedicalValidDays = 365, MedicalSessionDays = 2, MedicalSeats = 20;

    /// <summary>Cost of a seat in the FACT and the medical course.</summary>
    internal const decimal FactSeatCost = 3200, MedicalSeatCost = 450;

    /// <summary>Days after the planning date on which the FACT sessions and the medical sessions start (Mondays).</summary>
    internal static readonly int[] FactSessionStarts = [7, 35, 63], MedicalSessionStarts = [14, 42, 70];

    /// <summary>A team kind: its id suffix, name, priority, least agencies, and its positions (suffix, title, skill, level).</summary>
    internal sealed record TeamKind(string Suffix, string Name, Priority Priority, int? MinAgencies, (string Suffix, string Title, int Skill, int Level)[] Positions);

    /// <summary>The teams of the sample corps; the rule-of-law team only where the theatre focuses on rule of law or the security sector.</summary>
    internal static readonly TeamKind[] TeamKinds =
    [
        new("fact", "Field Advance Civilian Team", Priority.Critical, 2,
            [("lead", "Team Leader", Management, 3), ("log", "Logistics Officer", Logistics, 3), ("sec", "Security Officer", SecuritySector, 3)]),
        new("med", "Medical Support Team", Priority.High, null,
            [("doc", "Medical Officer", PublicHealth, 4), ("ph", "Public Health Adviser", PublicHealth, 3)]),
        new("rol", "Rule of Law Team", Priority.High, 2,
            [("police", "Police Adviser", RuleOfLaw, 3), ("justice", "Justice Adviser", RuleOfLaw, 4)]),
    ];

    /// <summary>Priority weights (critical, high, normal, low) of positions that are not leadership.</summary>
    internal static readonly double[] PriorityWeights = [15, 30, 40, 15];

    /// <summary>Chance that a position requires a theatre language, per priority (critical, high, normal, low).</summary>
    internal static readonly double[] LanguageChance = [0.35, 0.20, 0.10, 0.05];

    /// <summary>Position clearance weights (none, confidential, secret, top secret): critical, then every other priority.</summary>
    internal static readonly double[] CriticalClearanceWeights = [0, 10, 75, 15], OtherClearanceWeights = [30, 25, 40, 5];

    /// <summary>Weights of the minimum level 2, 3 or 4 of a required skill: critical, then every other priority.</summary>
    internal static readonly double[] CriticalMinLevelWeights = [20, 50, 30], OtherMinLevelWeights = [35, 45, 20];

    /// <summary>Weights of headcount 1, 2, 3 or 4.</summary>
    internal static readonly double[] HeadcountWeights = [75, 15, 6, 4];

    /// <summary>Titles of the leadership positions that open each operation; later ones are field team leaders.</summary>
    internal static readonly string[] LeadershipTitles = ["Head of Mission", "Deputy Head of Mission"];

    /// <summary>Role nouns of the other position titles.</summary>
    internal static readonly string[] Roles = ["Advisor", "Officer", "Specialist", "Coordinator"];

    internal static readonly string[] FirstNames =
    [
        "Aisha", "Alejandro", "Amara", "Andrew", "Ana", "Benjamin", "Carmen", "Chen", "Daniel", "David", "Elena", "Emily",
        "Farid", "Fatima", "Grace", "Hannah", "Ibrahim", "Isabel", "James", "Jamal", "Jennifer", "Jose", "Karen", "Kwame",
        "Laura", "Leila", "Maria", "Mark", "Michael", "Mei", "Nadia", "Omar", "Patricia", "Priya", "Rachel", "Robert",
        "Samuel", "Sarah", "Thomas", "Yusuf",
    ];

    internal static readonly string[] LastNames =
    [
        "Abbott", "Ahmed", "Baker", "Brooks", "Castillo", "Chang", "Coleman", "Diallo", "Douglas", "Evans", "Fischer",
        "Flores", "Garcia", "Gonzalez", "Hassan", "Hughes", "Ibrahim", "Jackson", "Johnson", "Kim", "Kowalski", "Lee",
        "Lopez", "Martin", "Mensah", "Miller", "Nguyen", "Okafor", "Olsen", "Patel", "Perez", "Reyes", "Rivera",
        "Robinson", "Sato", "Schmidt", "Singh", "Taylor", "Walker", "Williams",
    ];
}
