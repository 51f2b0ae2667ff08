# Error pages added after the first set (see resx_texts.py for the others).
TEXTS = {
"Error.503.Title": ("Un instant, s'il vous plaît", "One moment, please"),
"Error.503.Text": ("La plateforme vient de démarrer et prépare encore la recherche. Réessayez dans quelques secondes.", "The platform has just started and is still preparing the search. Try again in a few seconds."),
}
