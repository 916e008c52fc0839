// Check-in: the list narrows to the names that contain what is typed, as it is typed.
// Without JavaScript the search form does the same on the server.
document.addEventListener("DOMContentLoaded", () => {
  const search = document.getElementById("check-in-q");
  const people = document.querySelectorAll("#check-in-list li[data-name]");
  const none = document.getElementById("check-in-none");
  if (!search || !people.length) return;
  const narrow = () => {
    const typed = search.value.trim().toLocaleLowerCase();
    let shown = 0;
    for (const person of people) {
      const match = person.dataset.name.includes(typed);
      person.hidden = !match;
      shown += match;
    }
    none.hidden = shown > 0;
  };
  search.addEventListener("input", narrow);
  narrow();
});
