using System.Text.Json;
using System.Text.Json.Serialization;
using Maillage.Domain.Common;

namespace Maillage.Domain.Surveys;

/// <summary>What one person answered to one question: option positions, a point of the scale, or a text.</summary>
public sealed record Answer(
    [property: JsonPropertyName("c")] IReadOnlyList<int>? Choices = null,
    [property: JsonPropertyName("s")] int? Scale = null,
    [property: JsonPropertyName("t")] string? Text = null)
{
    [JsonIgnore]
    public bool IsEmpty => (Choices is null || Choices.Count == 0) && Scale is null && string.IsNullOrWhiteSpace(Text);
}

/// <summary>
/// A respondent's answers, by question id, kept as one JSON text (a draft is saved as it stands, even incomplete).
/// Only answers that fit their question are kept: an option or a scale point that does not exist is dropped.
/// </summary>
public sealed class SurveyAnswers
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly Dictionary<Guid, Answer> _answers = [];

    public IReadOnlyDictionary<Guid, Answer> Items => _answers;

    public Answer? For(Guid questionId) => _answers.GetValueOrDefault(questionId);

    /// <summary>Records a raw answer as typed or ticked, keeping only what the question can hold.</summary>
    public void Set(SurveyQuestion question, IEnumerable<string> raw)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(raw);
        var values = raw.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        Answer answer;
        if (question.IsChoice)
        {
            var choices = values.Select(v => int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : -1)
                .Where(i => i >= 0 && i < question.Options.Count).Distinct().Order().ToList();
            if (question.Kind == QuestionKind.SingleChoice && choices.Count > 1)
            {
                choices = [choices[0]];
            }

            answer = new Answer(Choices: choices);
        }
        else if (question.Kind == QuestionKind.Scale)
        {
            int? point = values.Count > 0 && int.TryParse(values[0], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var p)
                && p >= question.ScaleMin && p <= question.ScaleMax ? p : null;
            answer = new Answer(Scale: point);
        }
        else
        {
            // Kept whole even when too long, so a draft loses nothing; submitting reports the length.
            var text = string.Join("\n", values).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            answer = new Answer(Text: text.Length == 0 ? null : text);
        }

        if (answer.IsEmpty)
        {
            _answers.Remove(question.Id);
        }
        else
        {
            _answers[question.Id] = answer;
        }
    }

    /// <summary>
    /// What stops a submission: required questions left empty, too few or too many boxes ticked, a text too long.
    /// Each error's field is the question's id.
    /// </summary>
    public IReadOnlyList<ValidationError> CheckForSubmission(IEnumerable<SurveyQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var errors = new ValidationErrors();
        foreach (var question in questions.OrderBy(q => q.Position))
        {
            var field = question.Id.ToString();
            var answer = For(question.Id);
            if (answer is null || answer.IsEmpty)
            {
                if (question.Required)
                {
                    errors.Add(field, SurveyCodes.AnswerRequired);
                }

                continue;
            }

            if (question.Kind == QuestionKind.MultipleChoice)
            {
                var count = answer.Choices?.Count ?? 0;
                if (count < question.EffectiveMinSelections)
                {
                    errors.Add(field, SurveyCodes.TooFewSelections, question.EffectiveMinSelections);
                }
                else if (count > question.EffectiveMaxSelections)
                {
                    errors.Add(field, SurveyCodes.TooManySelections, question.EffectiveMaxSelections);
                }
            }
            else if (question.IsText && answer.Text is { } text && text.Length > question.MaxLength)
            {
                errors.Add(field, SurveyCodes.AnswerTooLong, question.MaxLength, text.Length);
            }
        }

        return errors.Items;
    }

    public string ToJson() => JsonSerializer.Serialize(_answers.ToDictionary(kv => kv.Key.ToString("N"), kv => kv.Value), Json);

    /// <summary>Reads stored answers back; an unreadable text gives no answers rather than an error page.</summary>
    public static SurveyAnswers FromJson(string? json)
    {
        var answers = new SurveyAnswers();
        if (string.IsNullOrWhiteSpace(json))
        {
            return answers;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<Dictionary<string, Answer>>(json, Json) ?? [];
            foreach (var (key, value) in stored)
            {
                if (Guid.TryParse(key, out var id) && !value.IsEmpty)
                {
                    answers._answers[id] = value;
                }
            }
        }
        catch (JsonException)
        {
            return answers;
        }

        return answers;
    }
}
