import "./survey.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { SurveyPage } from "./SurveyPage.tsx";

const container = document.getElementById("root");
if (!container) throw new Error("survey.html lacks #root");

createRoot(container).render(
  <StrictMode>
    <SurveyPage />
  </StrictMode>,
);
