using Maillage.Domain.Common;

namespace Maillage.Domain.Surveys;

public enum QuestionKind
{
    SingleChoice,
    MultipleChoice,
    Scale,
    ShortText,
    LongText,
}

/// <summary>Stable codes of the survey rules; the web layer translates them ("Surveys.Error.{code}").</summary>
public static class SurveyCodes
{
    public const string NoOptions = "NoOptions";
    public const string TooManyOptions = "TooManyOptions";
    public const string DuplicateOption = "DuplicateOption";
    public const string OptionTooLong = "OptionTooLong";
    public const string SelectionRange = "SelectionRange";
    public const string ScaleRange = "ScaleRange";
    public const string ScaleBounds = "ScaleBounds";
    public const string TextLength = "TextLength";
    public const string ClosesBeforeOpens = "ClosesBeforeOpens";
    public const string ClosesInPast = "ClosesInPast";
    public const string NoQuestions = "NoQuestions";
    public const string InvalidTransition = "InvalidTransition";
    public const string KindLocked = "KindLocked";
    public const string AnonymityLocked = "AnonymityLocked";
    public const string OptionsRemoved = "OptionsRemoved";
    public const string ScaleLocked = "ScaleLocked";
    public const string MaxLengthLocked = "MaxLengthLocked";
    public const string RemoveLocked = "RemoveLocked";
    public const string NewRequiredLocked = "NewRequiredLocked";
    public const string AnswerRequired = "AnswerRequired";
    public const string TooFewSelections = "TooFewSelections";
    public const string TooManySelections = "TooManySelections";
    public const string AnswerTooLong = "AnswerTooLong";
    public const string NotAccepting = "NotAccepting";
    public const string UnknownQuestion = "UnknownQuestion";
}

/// <summary>
/// What staff type for a question, validated as a whole. Choice options are plain lines; answers refer to an option
/// by its position, which is why options can be reworded or appended once answers exist but never removed.
/// </summary>
public sealed class QuestionDraft
{
    public const int PromptMax = 500;
    public const int HelpMax = 1000;
    public const int OptionMax = 200;
    public const int MaxOptions = 30;
    public const int ScaleLowest = 0;
    public const int ScaleHighest = 10;
    public const int ScaleLabelMax = 60;
    public const int ShortTextMax = 300;
    public const int LongTextMax = 5000;

    public QuestionKind Kind { get; set; } = QuestionKind.SingleChoice;

    public string Prompt { get; set; } = string.Empty;

    public string? Help { get; set; }

    public bool Required { get; set; }

    public IReadOnlyList<string> Options { get; set; } = [];

    public int? MinSelections { get; set; }

    public int? MaxSelections { get; set; }

    public int ScaleMin { get; set; } = 1;

    public int ScaleMax { get; set; } = 5;

    public string? ScaleMinLabel { get; set; }

    public string? ScaleMaxLabel { get; set; }

    public int? MaxLength { get; set; }

    public static int DefaultMaxLength(QuestionKind kind) => kind == QuestionKind.LongText ? 2000 : 200;

    public bool IsChoice => Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new ValidationErrors();
        errors.Length(nameof(Prompt), Prompt, 3, PromptMax);
        errors.MaxLength(nameof(Help), Help, HelpMax);
        if (!Enum.IsDefined(Kind))
        {
            errors.Add(nameof(Kind), ValidationCodes.InvalidChoice);
            return errors.Items;
        }

        if (IsChoice)
        {
            var options = CleanOptions(Options);
            if (options.Count < 2)
            {
                errors.Add(nameof(Options), SurveyCodes.NoOptions);
            }
            else if (options.Count > MaxOptions)
            {
                errors.Add(nameof(Options), SurveyCodes.TooManyOptions, MaxOptions);
            }

            if (options.Any(o => o.Length > OptionMax))
            {
                errors.Add(nameof(Options), SurveyCodes.OptionTooLong, OptionMax);
            }

            if (options.GroupBy(TextNormalizer.Fold).Any(g => g.Count() > 1))
            {
                errors.Add(nameof(Options), SurveyCodes.DuplicateOption);
            }

            if (Kind == QuestionKind.MultipleChoice && options.Count >= 2)
            {
                var min = MinSelections ?? 0;
                var max = MaxSelections ?? options.Count;
                if (min < 0 || max < 1 || min > max || max > options.Count)
                {
                    errors.Add(MinSelections is null ? nameof(MaxSelections) : nameof(MinSelections), SurveyCodes.SelectionRange, options.Count);
                }
            }
        }
        else if (Kind == QuestionKind.Scale)
        {
            if (ScaleMin < ScaleLowest || ScaleMax > ScaleHighest || ScaleMin > ScaleHighest || ScaleMax < ScaleLowest)
            {
                errors.Add(nameof(ScaleMin), SurveyCodes.ScaleBounds, ScaleLowest, ScaleHighest);
            }
            else if (ScaleMin >= ScaleMax)
            {
                errors.Add(nameof(ScaleMax), SurveyCodes.ScaleRange);
            }

            errors.MaxLength(nameof(ScaleMinLabel), ScaleMinLabel, ScaleLabelMax);
            errors.MaxLength(nameof(ScaleMaxLabel), ScaleMaxLabel, ScaleLabelMax);
        }
        else
        {
            var ceiling = Kind == QuestionKind.LongText ? LongTextMax : ShortTextMax;
            if (MaxLength is { } length && (length < 1 || length > ceiling))
            {
                errors.Add(nameof(MaxLength), SurveyCodes.TextLength, 1, ceiling);
            }
        }

        return errors.Items;
    }

    /// <summary>Options as staff mean them: trimmed, blank lines dropped.</summary>
    public static List<string> CleanOptions(IEnumerable<string> options) =>
        options.Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
}

/// <summary>One question of a survey, in its place.</summary>
public sealed class SurveyQuestion
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid SurveyId { get; set; }

    public int Position { get; set; }

    public QuestionKind Kind { get; set; }

    public string Prompt { get; set; } = string.Empty;

    public string? Help { get; set; }

    public bool Required { get; set; }

    /// <summary>Choice options in order; an answer stores the position of what was chosen.</summary>
    public List<string> Options { get; set; } = [];

    public int? MinSelections { get; set; }

    public int? MaxSelections { get; set; }

    public int ScaleMin { get; set; }

    public int ScaleMax { get; set; }

    public string? ScaleMinLabel { get; set; }

    public string? ScaleMaxLabel { get; set; }

    public int MaxLength { get; set; }

    public bool IsChoice => Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;

    public bool IsText => Kind is QuestionKind.ShortText or QuestionKind.LongText;

    /// <summary>The fewest boxes a multiple-choice answer must tick once the question is answered (or required).</summary>
    public int EffectiveMinSelections => Kind == QuestionKind.MultipleChoice ? Math.Max(MinSelections ?? 0, Required ? 1 : 0) : 0;

    public int EffectiveMaxSelections => Kind == QuestionKind.MultipleChoice ? MaxSelections ?? Options.Count : 1;

    public QuestionDraft ToDraft() => new()
    {
        Kind = Kind,
        Prompt = Prompt,
        Help = Help,
        Required = Required,
        Options = [.. Options],
        MinSelections = MinSelections,
        MaxSelections = MaxSelections,
        ScaleMin = ScaleMin,
        ScaleMax = ScaleMax,
        ScaleMinLabel = ScaleMinLabel,
        ScaleMaxLabel = ScaleMaxLabel,
        MaxLength = IsText ? MaxLength : null,
    };

    /// <summary>Copies a valid draft in; fields that do not belong to the kind are cleared so nothing stale remains.</summary>
    internal void Apply(QuestionDraft draft)
    {
        Kind = draft.Kind;
        Prompt = draft.Prompt.Trim();
        Help = string.IsNullOrWhiteSpace(draft.Help) ? null : draft.Help.Trim();
        Required = draft.Required;
        Options = draft.IsChoice ? QuestionDraft.CleanOptions(draft.Options) : [];
        MinSelections = draft.Kind == QuestionKind.MultipleChoice && draft.MinSelections > 0 ? draft.MinSelections : null;
        MaxSelections = draft.Kind == QuestionKind.MultipleChoice && draft.MaxSelections is { } max && max < Options.Count ? max : null;
        var scale = draft.Kind == QuestionKind.Scale;
        ScaleMin = scale ? draft.ScaleMin : 0;
        ScaleMax = scale ? draft.ScaleMax : 0;
        ScaleMinLabel = scale && !string.IsNullOrWhiteSpace(draft.ScaleMinLabel) ? draft.ScaleMinLabel.Trim() : null;
        ScaleMaxLabel = scale && !string.IsNullOrWhiteSpace(draft.ScaleMaxLabel) ? draft.ScaleMaxLabel.Trim() : null;
        MaxLength = IsText ? draft.MaxLength ?? QuestionDraft.DefaultMaxLength(draft.Kind) : 0;
    }

    /// <summary>
    /// What a revision would break in answers already given: another kind, fewer options (answers point at option
    /// positions), another scale, a shorter text limit. Rewording, appending options and changing "required" are safe.
    /// </summary>
    public IReadOnlyList<ValidationError> BreakingChanges(QuestionDraft revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var errors = new ValidationErrors();
        if (revision.Kind != Kind)
        {
            errors.Add(nameof(QuestionDraft.Kind), SurveyCodes.KindLocked);
            return errors.Items;
        }

        if (IsChoice && QuestionDraft.CleanOptions(revision.Options).Count < Options.Count)
        {
            errors.Add(nameof(QuestionDraft.Options), SurveyCodes.OptionsRemoved, Options.Count);
        }

        if (Kind == QuestionKind.Scale && (revision.ScaleMin != ScaleMin || revision.ScaleMax != ScaleMax))
        {
            errors.Add(nameof(QuestionDraft.ScaleMin), SurveyCodes.ScaleLocked, ScaleMin, ScaleMax);
        }

        if (IsText && (revision.MaxLength ?? QuestionDraft.DefaultMaxLength(Kind)) < MaxLength)
        {
            errors.Add(nameof(QuestionDraft.MaxLength), SurveyCodes.MaxLengthLocked, MaxLength);
        }

        return errors.Items;
    }
}
