import { useMutation } from "@tanstack/react-query";
import { Alert, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/errors.ts";
import { issueActivationLink, type Person } from "../../api/people.ts";
import { ActionFooter } from "../ActionFooter.tsx";
import { OneTimeLink } from "../OneTimeLink.tsx";
import { currentPerson } from "./current-person.ts";

interface Props {
  tenant: string;
  person: Person | null;
  onRebase: (person: Person) => void;
  onClose: () => void;
}

/** A new one-time link (first activation, or a password reset): confirm, then show it once. */
export function PersonLinkModal({ tenant, person, onRebase, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const issue = useMutation({
    mutationFn: (target: Person) => issueActivationLink(tenant, target),
    onError: (error) => {
      const current = currentPerson(error);
      if (current) onRebase(current);
    },
  });
  const close = () => {
    issue.reset();
    onClose();
  };

  return (
    <Modal
      open={person !== null}
      title={t("people.linkTitle", { name: person?.displayName ?? "" })}
      onCancel={close}
      destroyOnHidden
      width={560}
      footer={
        <ActionFooter
          done={Boolean(issue.data)}
          onClose={close}
          action={{
            label: t("people.issueLink"),
            onClick: () => person && issue.mutate(person),
            loading: issue.isPending,
            testId: "issue-link",
          }}
        />
      }
    >
      {issue.data ? (
        <OneTimeLink link={issue.data.activationLink} forWhom={person?.displayName} />
      ) : (
        <>
          <Typography.Paragraph>
            {person?.activated ? t("people.resetLinkConfirm") : t("people.newLinkConfirm")}
          </Typography.Paragraph>
          {issue.error ? <Alert type="error" showIcon title={errorText(issue.error, i18n.language)} /> : null}
        </>
      )}
    </Modal>
  );
}
