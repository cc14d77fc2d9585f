import { createPage } from "../app.js";

createPage({});

// The carousel: the backend generates the slides; this only turns them.
const slides = [...document.querySelectorAll(".carousel .slide")];
const dots = [...document.querySelectorAll(".carousel .dot")];
let current = 0;
function show(index) {
  if (!slides.length) return;
  current = (index + slides.length) % slides.length;
  slides.forEach((slide, i) => slide.classList.toggle("active", i === current));
  dots.forEach((dot, i) => dot.classList.toggle("active", i === current));
}
dots.forEach((dot, i) => dot.addEventListener("click", () => show(i)));
if (slides.length > 1) {
  let timer = setInterval(() => show(current + 1), 4000);
  const carousel = document.querySelector(".carousel");
  carousel.addEventListener("mouseenter", () => clearInterval(timer));
  carousel.addEventListener("mouseleave", () => (timer = setInterval(() => show(current + 1), 4000)));
}
