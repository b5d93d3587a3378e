import { type FormEvent, useEffect, useState } from "react";
import { type Failure, linkOf, loadSurvey, type Survey, sendAnswers } from "./api.ts";
import { TEXT } from "./text.ts";

type Audience = Survey["questions"][number]["audience"];

type State =
  | { step: "loading" }
  | { step: "form"; survey: Survey }
  | { step: "done" }
  | { step: "failed"; failure: Failure; retry: (() => void) | null };

/** A message page: what happened, and what the respondent can do. */
function Notice({ title, text, action }: { title: string; text: string; action?: { label: string; run: () => void } }) {
  return (
    <section className="notice" aria-live="polite">
      <h2 className="notice-title">{title}</h2>
      <p>{text}</p>
      {action && (
        <button type="button" className="button" onClick={action.run}>
          {action.label}
        </button>
      )}
    </section>
  );
}

const reload = () => window.location.reload();

function FailureNotice({ failure, retry }: { failure: Failure; retry: (() => void) | null }) {
  switch (failure.kind) {
    case "not_found":
      return <Notice title={TEXT.notFoundTitle} text={TEXT.notFound} />;
    case "closed":
      return <Notice title={TEXT.closedTitle} text={TEXT.closed} />;
    case "answered":
      return <Notice title={TEXT.answeredTitle} text={TEXT.answered} />;
    case "limited":
      return (
        <Notice
          title={TEXT.limitedTitle}
          text={TEXT.limited(Math.max(1, Math.ceil(failure.retryAfterSeconds / 60)))}
          action={retry ? { label: TEXT.retry, run: retry } : undefined}
        />
      );
    case "expired":
    case "invalid":
      return <Notice title={TEXT.expiredTitle} text={TEXT.expired} action={{ label: TEXT.reload, run: reload }} />;
    case "network":
      return (
        <Notice title={TEXT.networkTitle} text={TEXT.network} action={{ label: TEXT.retry, run: retry ?? reload }} />
      );
  }
}

function SurveyForm({
  survey,
  onSubmit,
}: {
  survey: Survey;
  onSubmit: (audience: Audience, chosen: Map<string, number>, website: string) => Promise<void>;
}) {
  const audiences = (["staff", "public"] as const).filter((a) => survey.questions.some((q) => q.audience === a));
  const [audience, setAudience] = useState<Audience | null>(audiences.length === 1 ? (audiences[0] ?? null) : null);
  const [chosen, setChosen] = useState(() => new Map<string, number>());
  const [website, setWebsite] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const questions = survey.questions.filter((q) => q.audience === audience);

  const choose = (questionId: string, option: number) => {
    setChosen((before) => new Map(before).set(questionId, option));
    setProblem(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!audience) return setProblem(TEXT.chooseIdentity);
    if (questions.some((q) => !chosen.has(q.id))) return setProblem(TEXT.answerAll);
    setSending(true);
    await onSubmit(audience, chosen, website);
    setSending(false);
  };

  return (
    <form onSubmit={submit} noValidate>
      {audiences.length > 1 && (
        <fieldset className="question">
          <legend>
            <h2>{TEXT.identity}</h2>
          </legend>
          {audiences.map((a) => (
            <label key={a} className="choice">
              <input
                type="radio"
                name="audience"
                value={a}
                checked={audience === a}
                onChange={() => {
                  setAudience(a);
                  setProblem(null);
                }}
              />
              <span>{TEXT.audiences[a]}</span>
            </label>
          ))}
        </fieldset>
      )}
      {audience && (
        <section aria-labelledby="questions-heading">
          <h2 id="questions-heading" className="section-heading">
            {TEXT.questions}
          </h2>
          {questions.map((question, index) => (
            <fieldset key={question.id} className="question" data-testid="survey-question">
              <legend>
                {index + 1}. {question.text}
              </legend>
              {question.options.map((option, i) => (
                <label key={option.label} className="choice">
                  <input
                    type="radio"
                    name={`q-${question.id}`}
                    value={i}
                    checked={chosen.get(question.id) === i}
                    onChange={() => choose(question.id, i)}
                  />
                  <span>{option.label}</span>
                </label>
              ))}
            </fieldset>
          ))}
        </section>
      )}
      {/* Bots fill every field; people never see this one, and a filled one is dropped by the Worker. */}
      <div className="trap" aria-hidden="true">
        <label>
          {TEXT.honeypot}
          <input
            type="text"
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(e) => setWebsite(e.target.value)}
          />
        </label>
      </div>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button" disabled={sending} data-testid="survey-submit">
        {sending ? TEXT.submitting : TEXT.submit}
      </button>
    </form>
  );
}

export function SurveyPage() {
  const [link] = useState(() => linkOf(window.location));
  const [state, setState] = useState<State>({ step: "loading" });
  const [heading, setHeading] = useState<{ unitName: string; roundTitle: string; window: string } | null>(null);

  const load = async () => {
    if (!link) return setState({ step: "failed", failure: { kind: "not_found" }, retry: null });
    setState({ step: "loading" });
    const result = await loadSurvey(link);
    if (!result.ok) return setState({ step: "failed", failure: result.failure, retry: () => void load() });
    const survey = result.value;
    setHeading({
      unitName: survey.unitName,
      roundTitle: survey.roundTitle,
      window: TEXT.window(survey.opensOn, survey.closesOn),
    });
    if (survey.answered) return setState({ step: "failed", failure: { kind: "answered" }, retry: null });
    if (!survey.open) return setState({ step: "failed", failure: { kind: "closed" }, retry: null });
    setState({ step: "form", survey });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the questionnaire loads once, when the page opens.
  useEffect(() => {
    void load();
  }, []);

  const submit = async (survey: Survey, audience: Audience, chosen: Map<string, number>, website: string) => {
    if (!link) return;
    const send = async (): Promise<void> => {
      const result = await sendAnswers(link, {
        k: link.key,
        startToken: survey.startToken,
        audience,
        answers: [...chosen].map(([questionId, option]) => ({ questionId, option })),
        ...(website ? { website } : {}),
      });
      if (result.ok) return setState({ step: "done" });
      // A network failure keeps the answers: retrying sends the same ones again.
      setState({ step: "failed", failure: result.failure, retry: () => void send() });
    };
    await send();
  };

  return (
    <main className="page">
      <header className="masthead">
        <p className="kicker">{heading?.roundTitle ?? TEXT.title}</p>
        <h1>{heading ? `${heading.unitName} ${TEXT.title}` : TEXT.title}</h1>
        {heading && <p className="window">{heading.window}</p>}
      </header>
      {state.step === "loading" && <p aria-live="polite">{TEXT.loading}</p>}
      {state.step === "form" && (
        <>
          <p className="hint">{TEXT.anonymous}</p>
          <SurveyForm survey={state.survey} onSubmit={(a, c, w) => submit(state.survey, a, c, w)} />
        </>
      )}
      {state.step === "done" && <Notice title={TEXT.thanksTitle} text={TEXT.thanks} />}
      {state.step === "failed" && <FailureNotice failure={state.failure} retry={state.retry} />}
    </main>
  );
}
